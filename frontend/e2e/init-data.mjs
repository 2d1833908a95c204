// Telegram Mini App initData, signed the way Telegram signs it (docs/authentication.md): secret key =
// HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret key, data-check-string), the
// data-check-string being every field but `hash`, sorted by key, as `key=value` lines joined by "\n".
import { createHmac } from "node:crypto";

/** The query string of `fields` (values as Telegram sends them, unencoded here) plus their hash for `botToken`. */
export function signInitData(botToken, fields) {
  const dataCheckString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  const hash = createHmac("sha256", secret).update(dataCheckString).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

/** What the Mini App of user `userId` gets, opened now (or at `authDate`, Unix seconds). */
export function initDataFor(botToken, userId, authDate = Math.floor(Date.now() / 1000)) {
  return signInitData(botToken, {
    auth_date: String(authDate),
    user: JSON.stringify({ id: Number(userId), first_name: "Buyer" }),
  });
}
