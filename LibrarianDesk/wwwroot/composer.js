// The conversation composer: Enter sends, Shift+Enter makes a new line, and the draft of each
// conversation survives a reload (kept in this browser only).
window.deskComposer = {
    // False when the reference names no textarea (the render that captured it had none yet): the page tries again
    // after its next render.
    attach(textarea, dotnet, draftKey) {
        if (!(textarea instanceof HTMLTextAreaElement)) return false;
        const key = "librariandesk:draft:" + draftKey;
        const saved = localStorage.getItem(key);
        if (saved && !textarea.value) {
            textarea.value = saved;
            dotnet.invokeMethodAsync("RestoreDraft", saved);
        }
        textarea.addEventListener("input", () => {
            if (textarea.value) localStorage.setItem(key, textarea.value);
            else localStorage.removeItem(key);
        });
        textarea.addEventListener("keydown", event => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                dotnet.invokeMethodAsync("SubmitFromKeyboard", textarea.value);
            }
        });
        // Until now Enter only made a new line: the page marks when Enter starts to send.
        textarea.dataset.ready = "true";
        return true;
    },
    set(textarea, value, draftKey) {
        if (!textarea) return;
        textarea.value = value;
        localStorage.setItem("librariandesk:draft:" + draftKey, value);
        textarea.focus();
        textarea.setSelectionRange(value.length, value.length);
    },
    clear(textarea, draftKey) {
        if (textarea) textarea.value = "";
        localStorage.removeItem("librariandesk:draft:" + draftKey);
    },
    scrollToEnd(element) {
        if (element instanceof HTMLElement) element.scrollTop = element.scrollHeight;
    }
};
