// Small browser-side helpers the desk calls through JS interop.
window.deskPreferences = {
    setTheme(theme) {
        // Secure over HTTPS like every cookie the server sets (SecurityHeaders); plain http (a test desk) keeps it usable.
        const secure = location.protocol === 'https:' ? '; secure' : '';
        document.cookie = `LibrarianDesk.Theme=${theme}; path=/; max-age=31536000; samesite=lax${secure}`;
    }
};

// Copy buttons on statically rendered pages (recovery codes): the text is in the button's data-copy-text.
document.addEventListener('click', async event => {
    const button = event.target.closest?.('[data-copy-text]');
    if (!button || !navigator.clipboard) {
        return;
    }

    await navigator.clipboard.writeText(button.dataset.copyText);
    const label = button.querySelector('[data-copy-label]');
    if (label && button.dataset.copiedLabel) {
        label.textContent = button.dataset.copiedLabel;
    }
});
