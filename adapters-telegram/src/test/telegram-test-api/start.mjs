// Starts telegram-test-api, a Bot API emulator, on 127.0.0.1:<port> for TelegramTestApiTest. Prints "listening <port>"
// once it accepts requests, and exits when its stdin closes (the JVM that started it has gone) or on SIGTERM.
import TelegramServer from 'telegram-test-api';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node start.mjs <port>');
  process.exit(2);
}

// The emulator stamps the messages a bot sends with Date.now() in milliseconds; the Bot API's `date` is in seconds,
// and a client that reads it as a 32-bit integer (as the Java library does) cannot parse the answer. Fix the stamp.
const addBotMessage = TelegramServer.prototype.addBotMessage;
TelegramServer.prototype.addBotMessage = function (rawMessage, botToken) {
  const message = addBotMessage.call(this, rawMessage, botToken);
  message.date = Math.floor(message.date / 1000);
  return message;
};

const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
await server.start();
console.log(`listening ${port}`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
