import { Upload } from "tus-js-client";
import type { CairnApi } from "../api/client";
import { CONTENT_ID, TUS_ENDPOINT } from "../api/client";
import { h } from "../dom";
import { fileProblem, formatBytes } from "../view";

/** Retry delays after a failed request (tus-js-client resumes from the node's offset after each). */
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000, 10000, 20000];
const CHUNK_SIZE = 8 * 1024 * 1024;

/** The upload page: pick a file, check it against the node's limit, send it with tus, go to its content page. */
export function uploadPage(api: CairnApi, navigate: (path: string) => void): HTMLElement {
  const input = h("input", { type: "file", id: "file", accept: "audio/*,video/*,image/*,*/*" });
  const titleInput = h("input", { type: "text", id: "title", placeholder: "Title (optional)", maxlength: "256" });
  const start = h("button", { id: "start", type: "button" }, "Upload");
  const pause = h("button", { id: "pause", type: "button", class: "secondary" }, "Pause");
  const bar = h("progress", { id: "progress", max: "100", value: "0" });
  const percent = h("span", { id: "percent" }, "0%");
  const message = h("p", { id: "message", class: "hint", role: "status" });
  start.disabled = true;
  pause.disabled = true;

  let maxSize: number | null = null;
  const limit = api.maxUploadSize().then(
    (size) => {
      maxSize = size;
      if (size !== null) {
        message.textContent = `Up to ${formatBytes(size)}.`;
      }
    },
    () => {
      message.textContent = "Could not reach the node; the size limit is unknown.";
    },
  );

  let upload: Upload | null = null;
  let paused = false;

  input.addEventListener("change", async () => {
    await limit;
    const file = input.files?.[0];
    upload = null;
    if (!file) {
      start.disabled = true;
      return;
    }
    const problem = fileProblem(file, maxSize);
    message.textContent = problem ?? `${file.name}, ${formatBytes(file.size)}`;
    message.className = problem ? "error" : "hint";
    start.disabled = problem !== null;
  });

  start.addEventListener("click", () => {
    const file = input.files?.[0];
    if (!file) {
      return;
    }
    start.disabled = true;
    input.disabled = true;
    pause.disabled = false;
    let contentId: string | null = null;
    upload = new Upload(file, {
      endpoint: TUS_ENDPOINT,
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS_MS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      headers: { Authorization: api.authorizationHeader() },
      metadata: {
        filename: file.name,
        filetype: file.type || "application/octet-stream",
        title: titleInput.value.trim() || file.name,
      },
      onProgress(sent, total) {
        const value = total > 0 ? Math.floor((sent / total) * 100) : 0;
        bar.value = value;
        percent.textContent = `${value}%`;
      },
      onAfterResponse(_request, response) {
        const id = response.getHeader("Cairn-Content-Id");
        if (id && CONTENT_ID.test(id)) {
          contentId = id;
        }
      },
      onError(error) {
        message.className = "error";
        message.textContent = `Upload failed: ${error.message}`;
        pause.disabled = true;
        start.disabled = false;
        input.disabled = false;
      },
      onSuccess() {
        bar.value = 100;
        percent.textContent = "100%";
        pause.disabled = true;
        if (contentId) {
          message.textContent = "Uploaded.";
          navigate(`/content/${contentId}`);
        } else {
          message.className = "error";
          message.textContent = "Uploaded, but the node named no content id.";
        }
      },
    });
    paused = false;
    pause.textContent = "Pause";
    message.className = "hint";
    message.textContent = "Uploading…";
    void upload.findPreviousUploads().then((previous) => {
      const last = previous[0];
      if (last && upload) {
        upload.resumeFromPreviousUpload(last);
      }
      upload?.start();
    });
  });

  pause.addEventListener("click", () => {
    if (!upload) {
      return;
    }
    if (paused) {
      paused = false;
      pause.textContent = "Pause";
      message.textContent = "Uploading…";
      upload.start();
    } else {
      paused = true;
      pause.textContent = "Resume";
      message.textContent = "Paused.";
      void upload.abort();
    }
  });

  return h(
    "main",
    { id: "upload-page" },
    h("h1", {}, "Upload"),
    h("div", { class: "section" }, input),
    h("div", { class: "section" }, titleInput),
    h("div", { class: "section row" }, start, pause),
    h("div", { class: "section row" }, bar, percent),
    message,
  );
}
