// Small browser-side helpers the desk calls through JS interop.
window.deskPreferences = {
    setTheme(theme) {
        // Secure over HTTPS like every cookie the server sets (SecurityHeaders); plain http (a test desk) keeps it usable.
        const secure = location.protocol === 'https:' ? '; secure' : '';
        document.cookie = `LibrarianDesk.Theme=${theme}; path=/; max-age=31536000; samesite=lax${secure}`;
    }
};
