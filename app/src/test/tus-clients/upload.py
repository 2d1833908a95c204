#!/usr/bin/python3
"""Uploads one file with tuspy (Debian's python3-tuspy) and prints one JSON line, like upload.mjs.

The result holds the upload URL, the offset reached, the Cairn-Content-Id of the last PATCH response (if the server
sent one) and what a HEAD on the upload says afterwards. Cairn's process tests drive it.

Usage: /usr/bin/python3 upload.py --endpoint URL --file PATH [options]
  --header 'Name: value'  sent with every request (repeatable), e.g. 'Authorization: local'
  --metadata key=value    Upload-Metadata pair (repeatable)
  --chunk-size BYTES      bytes per PATCH (default: the whole file in one PATCH)
  --checksum              Upload-Checksum (sha1, tuspy's only algorithm) on every PATCH
  --upload-url URL        resume this upload (HEAD for its offset, then PATCH on)

Exit status: 0 when the upload finished, 1 on an upload error (the JSON says which status), 2 on bad usage.
"""

import argparse
import json
import sys
import time

import requests
from tusclient import client
from tusclient.exceptions import TusCommunicationError, TusUploadFailed


def header(text):
    name, colon, value = text.partition(":")
    if not colon or not name.strip():
        raise argparse.ArgumentTypeError(f"must be 'Name: value', got '{text}'")
    return name.strip(), value.strip()


def pair(text):
    key, eq, value = text.partition("=")
    if not eq or not key:
        raise argparse.ArgumentTypeError(f"must be key=value, got '{text}'")
    return key, value


def positive(text):
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, got '{text}'")
    return n


def head(url, headers):
    response = requests.head(url, headers={"Tus-Resumable": "1.0.0", **headers}, timeout=30)

    def number(name):
        value = response.headers.get(name)
        return int(value) if value is not None else None

    return {
        "status": response.status_code,
        "offset": number("Upload-Offset"),
        "length": number("Upload-Length"),
        "contentId": response.headers.get("Cairn-Content-Id"),
    }


def main():
    parser = argparse.ArgumentParser(description="Upload one file with tuspy.")
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--header", type=header, action="append", default=[])
    parser.add_argument("--metadata", type=pair, action="append", default=[])
    parser.add_argument("--chunk-size", type=positive, default=sys.maxsize)
    parser.add_argument("--checksum", action="store_true")
    parser.add_argument("--upload-url")
    args = parser.parse_args()

    headers = dict(args.header)
    started = time.monotonic()
    tus = client.TusClient(args.endpoint, headers=headers)
    result = {"ok": True, "uploadUrl": None, "lastStatus": None, "contentId": None}
    try:
        uploader = tus.uploader(
            file_path=args.file,
            url=args.upload_url,
            chunk_size=args.chunk_size,
            metadata=dict(args.metadata),
            upload_checksum=args.checksum,
        )
        uploader.upload()
        if uploader.url is None:
            # tuspy sends nothing for an empty file (its loop runs while offset < size); creating the upload with
            # Upload-Length 0 is the whole upload.
            uploader.set_url(uploader.create_url())
        result["uploadUrl"] = uploader.url
        result["offset"] = uploader.offset
        if uploader.request is not None:
            result["lastStatus"] = uploader.request.status_code
            result["contentId"] = uploader.request.response_headers.get("cairn-content-id")
    except (TusCommunicationError, TusUploadFailed) as error:
        result["ok"] = False
        result["error"] = str(error).splitlines()[0] if str(error) else type(error).__name__
        result["errorStatus"] = error.status_code
        # The upload may exist although a PATCH failed.
        result["uploadUrl"] = getattr(locals().get("uploader"), "url", None)
    result["seconds"] = time.monotonic() - started
    if result["uploadUrl"]:
        result["head"] = head(result["uploadUrl"], headers)
    print(json.dumps(result), flush=True)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
