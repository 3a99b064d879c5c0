// Small browser-side helpers the desk calls through JS interop.
window.deskPreferences = {
    setTheme(theme) {
        document.cookie = `LibrarianDesk.Theme=${theme}; path=/; max-age=31536000; samesite=lax`;
    }
};
