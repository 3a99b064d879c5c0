// Sending files from the conversation workspace: the attach button's file picker, files dropped on the conversation
// pane and a screenshot pasted into the message box all upload here, over HTTP (never through the circuit), so
// progress can be shown and an upload cancelled. The component (AttachButton.razor) hears of each upload's progress
// and end; the message itself then arrives like any other.

// Starts listening for files around the button in `root`; the drop zone is the nearest element marked
// `data-attach-drop` (the conversation pane). Returns what the component uses to cancel and to stop listening.
export function attach(root, dotnet, options) {
    const button = root.querySelector("[data-testid=desk-attach]");
    const input = root.querySelector("input[type=file]");
    const pane = root.closest("[data-attach-drop]") ?? root;
    const uploads = new Map();
    let next = 0;
    let depth = 0;

    // After the component is gone (the librarian left the page) nobody listens: that is no error.
    const tell = (method, ...args) => dotnet.invokeMethodAsync(method, ...args).catch(() => { });

    // A pasted image may come without a name; the server wants one that matches its content.
    const nameOf = file => file.name || "image." + (file.type.split("/")[1] || "png");

    const send = files => {
        for (const file of files) upload(file);
    };

    const upload = file => {
        const id = ++next;
        const request = new XMLHttpRequest();
        uploads.set(id, request);
        const form = new FormData();
        form.append("clientMessageId", crypto.randomUUID());
        form.append("file", file, nameOf(file));
        request.open("POST", options.url);
        request.setRequestHeader("RequestVerificationToken", options.token);
        request.upload.addEventListener("progress", e => {
            if (e.lengthComputable) tell("UploadProgress", id, Math.floor(e.loaded * 100 / e.total));
        });
        request.addEventListener("load", () => {
            uploads.delete(id);
            if (request.status >= 200 && request.status < 300) {
                tell("UploadFinished", id);
            } else {
                tell("UploadFailed", id, request.status, sentence(request.responseText));
            }
        });
        request.addEventListener("error", () => {
            uploads.delete(id);
            tell("UploadFailed", id, 0, null);
        });
        request.addEventListener("abort", () => {
            uploads.delete(id);
            tell("UploadCancelled", id);
        });
        // Shown before it starts, so the first progress report finds its row.
        dotnet.invokeMethodAsync("UploadStarted", id, nameOf(file))
            .then(() => request.send(form), () => uploads.delete(id));
    };

    // The server's own sentence when it gave one (a refusal); none for a failure it did not explain.
    const sentence = text => {
        try {
            const body = JSON.parse(text);
            return typeof body?.message === "string" ? body.message : null;
        } catch {
            return null;
        }
    };

    const hasFiles = e => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const showHint = on => {
        if (on) pane.setAttribute("data-drop-hint", options.dropHint);
        else pane.removeAttribute("data-drop-hint");
    };

    const listeners = {
        click: () => input.click(),
        change: () => {
            send(Array.from(input.files));
            input.value = "";
        },
        dragenter: e => {
            if (!hasFiles(e)) return;
            e.preventDefault();
            depth++;
            showHint(true);
        },
        dragover: e => {
            if (hasFiles(e)) e.preventDefault();
        },
        dragleave: e => {
            if (!hasFiles(e)) return;
            if (--depth <= 0) {
                depth = 0;
                showHint(false);
            }
        },
        drop: e => {
            if (!hasFiles(e)) return;
            e.preventDefault();
            depth = 0;
            showHint(false);
            send(Array.from(e.dataTransfer.files));
        },
        // Only a paste that carries files (a screenshot) uploads; pasted text goes into the message box as ever.
        paste: e => {
            const files = Array.from(e.clipboardData?.files ?? []);
            if (files.length === 0) return;
            e.preventDefault();
            send(files);
        },
    };

    button.addEventListener("click", listeners.click);
    input.addEventListener("change", listeners.change);
    for (const name of ["dragenter", "dragover", "dragleave", "drop", "paste"]) {
        pane.addEventListener(name, listeners[name]);
    }
    // The button is on the page before the circuit wires it: this says files now go somewhere.
    root.dataset.ready = "true";

    return {
        cancel(id) {
            uploads.get(id)?.abort();
        },
        detach() {
            button.removeEventListener("click", listeners.click);
            input.removeEventListener("change", listeners.change);
            for (const name of ["dragenter", "dragover", "dragleave", "drop", "paste"]) {
                pane.removeEventListener(name, listeners[name]);
            }
            showHint(false);
            for (const request of uploads.values()) request.abort();
        },
    };
}
