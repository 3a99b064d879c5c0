// The desk's ring: a short two-tone chime made with WebAudio (no audio file) and a desktop
// notification. The server decides when to ring (only Online librarians); this file only makes noise.
// Browsers keep audio locked until the user interacts with the page, so the "enable sound" button in
// the app bar is handled here, inside the click itself, and the choice is kept in localStorage.
(() => {
    const storageKey = 'deskRing.enabled';
    let audio = null;
    let owner = null; // the Ringer component in the app bar (DotNetObjectReference)

    const isEnabled = () => {
        try {
            return localStorage.getItem(storageKey) === 'true';
        } catch {
            return false;
        }
    };

    function audioContext() {
        const AudioContextClass = window.AudioContext || window.webkitAudioContext;
        if (!AudioContextClass) {
            return null;
        }

        audio ??= new AudioContextClass();
        if (audio.state === 'suspended') {
            audio.resume().catch(() => { });
        }

        return audio;
    }

    function chime() {
        const context = audioContext();
        if (!context || context.state !== 'running') {
            return false; // still locked: better silent than a late chime once it unlocks
        }

        const start = context.currentTime + 0.02;
        [[880, 0], [660, 0.24]].forEach(([frequency, offset]) => {
            const oscillator = context.createOscillator();
            const gain = context.createGain();
            oscillator.type = 'sine';
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.0001, start + offset);
            gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
            gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
            oscillator.connect(gain).connect(context.destination);
            oscillator.start(start + offset);
            oscillator.stop(start + offset + 0.25);
        });
        return true;
    }

    function openQueue() {
        if (window.Blazor && typeof window.Blazor.navigateTo === 'function') {
            window.Blazor.navigateTo('/queue');
        } else {
            window.location.assign('/queue');
        }
    }

    function notify(title, body) {
        if (!('Notification' in window) || Notification.permission !== 'granted') {
            return false;
        }

        // A librarian looking at the desk hears the chime; the notification is for the tab in the background.
        if (document.visibilityState === 'visible' && document.hasFocus()) {
            return false;
        }

        const notification = new Notification(title, { body, tag: 'librariandesk-ring', icon: '/favicon.svg' });
        notification.onclick = () => {
            window.focus();
            notification.close();
            openQueue();
        };
        return true;
    }

    function toggle() {
        const enabled = !isEnabled();
        try {
            localStorage.setItem(storageKey, enabled ? 'true' : 'false');
        } catch {
            // Storage blocked: the choice lasts for this page only.
        }

        if (enabled) {
            const context = audioContext();
            context?.resume().then(chime).catch(() => { });
            if ('Notification' in window && Notification.permission === 'default') {
                Notification.requestPermission().catch(() => { });
            }
        }

        owner?.invokeMethodAsync('SoundChanged', enabled).catch(() => { });
    }

    // Capture phase: runs inside the user's click, before Blazor sees it.
    document.addEventListener('click', event => {
        if (event.target instanceof Element && event.target.closest('[data-desk-ring-toggle]')) {
            toggle();
        }
    }, true);

    // Sound enabled on an earlier visit still needs one interaction with this page before it may play.
    const unlock = () => {
        if (isEnabled()) {
            audioContext();
        }
    };
    document.addEventListener('pointerdown', unlock, { capture: true, passive: true });
    document.addEventListener('keydown', unlock, { capture: true, passive: true });

    window.deskRing = {
        /** How many rings the desk requested in this page (read by the browser tests). */
        count: 0,
        last: null,

        attach(dotNetObject) {
            owner = dotNetObject;
            return isEnabled();
        },

        detach() {
            owner = null;
        },

        isEnabled,

        ring(title, body) {
            this.count++;
            this.last = { title, body, at: Date.now() };
            const sounded = isEnabled() && chime();
            const notified = notify(title, body);
            return { sounded, notified };
        }
    };
})();
