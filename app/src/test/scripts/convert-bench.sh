#!/usr/bin/env bash
# Conversion speed of the node's JavaCV transcoder against the ffmpeg command line, rendition by rendition, with the
# same settings on the same generated input (a 1080p30 test-pattern clip with sound, and a stereo WAV), best of ROUNDS;
# then resident memory before and after N whole conversions of two small inputs. Not part of the test suite.
# Needs JAVA_HOME (JDK 25); installs Debian's ffmpeg if it is missing (as root).
#
# Usage: app/src/test/scripts/convert-bench.sh [ROUNDS] [N] [THREADS] [VIDEO_SECONDS] [AUDIO_SECONDS]
#        (defaults 2 100 2 20 120; H264_CLI="-c:v libx264 -preset veryfast -profile:v baseline" by default, since
#        Debian's ffmpeg has no libopenh264, the encoder of JavaCV's FFmpeg build)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

rounds="${1:-2}"
n="${2:-100}"
threads="${3:-2}"
video_seconds="${4:-20}"
audio_seconds="${5:-120}"
h264_cli="${H264_CLI:--c:v libx264 -preset veryfast -profile:v baseline}"

command -v ffmpeg >/dev/null || { apt-get update -q && apt-get install -y -q ffmpeg; }
bench_build
bench_workdir
bench_machine
echo "ffmpeg CLI: $(ffmpeg -version | head -1); JavaCV: FFmpeg 8.1.2 (org.bytedeco ffmpeg 8.1.2-1.5.14, LGPL, libopenh264)"

# Inputs, made once by the CLI: what a camera or a DAW would hand over (H.264 + AAC in MP4; 16-bit PCM WAV).
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$video_seconds" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$video_seconds" \
  -c:v libx264 -preset fast -crf 23 -pix_fmt yuv420p -c:a aac -b:a 192k -ac 2 "$work/video.mp4"
ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=$audio_seconds" \
  -ac 2 -c:a pcm_s16le "$work/audio.wav"
ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=640x360:rate=30:duration=4" \
  -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=4" \
  -c:v libx264 -preset fast -crf 23 -pix_fmt yuv420p -c:a aac -b:a 128k -ac 2 "$work/small.mp4"
ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=10" \
  -ac 2 -c:a pcm_s16le "$work/small.wav"
ls -l "$work"/*.mp4 "$work"/*.wav | awk '{print "input:", $9, $5, "bytes"}'

bench_load before
# shellcheck disable=SC2086 # the encoder arguments are words on purpose
"$java" --enable-native-access=ALL-UNNAMED -Xmx512m -cp "$bench_cp" dev.cairn.app.bench.ConvertBench \
  "$work" "$work/video.mp4" "$work/audio.wav" "$rounds" "$work/small.mp4" "$work/small.wav" "$n" "$threads" \
  $h264_cli 2>&1 | grep -v -e '^SLF4J' -e 'WARNING'
bench_load after
