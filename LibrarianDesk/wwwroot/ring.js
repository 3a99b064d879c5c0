// The desk's alerts in the browser: a chime made with WebAudio (no audio file; two tones for a chat,
// two short higher ones for a message), a desktop notification while the tab is not in front, and the
// unread count in front of the tab title. The server (DeskAlerts) decides what to alert for; this file
// only makes it heard and seen. Browsers keep audio locked until the user interacts with the page, so
// the "enable sound" button in the app bar is handled here, inside the click itself, and the choice is
// kept in localStorage. Notification permission is asked once, from the first click in the desk.
(() => {
    const storageKey = 'deskRing.enabled';
    const askedKey = 'deskRing.notificationsAsked';
    let audio = null;
    let owner = null; // the DeskAlerts component in the app bar (DotNetObjectReference)
    let unread = 0;
    let titleWritten = null; // the title as this file last wrote it
    let titleBase = null; // the page's own title, without the count

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

    const tones = {
        chat: [[880, 0], [660, 0.24]],
        message: [[1175, 0], [1568, 0.12]],
    };

    function chime(kind) {
        const context = audioContext();
        if (!context || context.state !== 'running') {
            return false; // still locked: better silent than a late chime once it unlocks
        }

        const start = context.currentTime + 0.02;
        const length = kind === 'message' ? 0.1 : 0.22;
        (tones[kind] ?? tones.chat).forEach(([frequency, offset]) => {
            const oscillator = context.createOscillator();
            const gain = context.createGain();
            oscillator.type = 'sine';
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.0001, start + offset);
            gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
            gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + length);
            oscillator.connect(gain).connect(context.destination);
            oscillator.start(start + offset);
            oscillator.stop(start + offset + length + 0.03);
        });
        return true;
    }

    function open(href) {
        if (window.Blazor && typeof window.Blazor.navigateTo === 'function') {
            window.Blazor.navigateTo(href);
        } else {
            window.location.assign(href);
        }
    }

    function notify(title, body, href) {
        if (!('Notification' in window) || Notification.permission !== 'granted') {
            return false;
        }

        // A librarian looking at the desk sees the toast; the notification is for the tab in the background.
        if (document.visibilityState === 'visible' && document.hasFocus()) {
            return false;
        }

        const notification = new Notification(title, { body, tag: 'librariandesk-' + href, icon: '/favicon.svg' });
        notification.onclick = () => {
            window.focus();
            notification.close();
            open(href);
        };
        return true;
    }

    let askedHere = false;

    function askForNotificationsOnce() {
        if (askedHere || !owner || !('Notification' in window) || Notification.permission !== 'default') {
            return;
        }

        askedHere = true;
        try {
            if (localStorage.getItem(askedKey) === 'true') {
                return;
            }

            localStorage.setItem(askedKey, 'true');
        } catch {
            // Storage blocked: asked once in this page.
        }

        Notification.requestPermission().catch(() => { });
    }

    // Blazor writes the page's title into the text node it made; the count is written into that same node,
    // so that Blazor's next title lands there too and is seen here (a new text node would leave Blazor
    // writing into a detached one).
    function applyTitle() {
        const element = document.querySelector('head > title');
        if (!element) {
            return;
        }

        const current = element.textContent ?? '';
        if (current !== titleWritten) {
            titleBase = current;
        }

        const wanted = unread > 0 ? `(${unread}) ${titleBase}` : titleBase;
        if (current !== wanted) {
            titleWritten = wanted;
            const text = element.childNodes.length === 1 && element.firstChild.nodeType === Node.TEXT_NODE ? element.firstChild : null;
            if (text) {
                text.data = wanted;
            } else {
                element.textContent = wanted;
            }
        }
    }

    new MutationObserver(applyTitle).observe(document.head, { subtree: true, childList: true, characterData: true });

    function toggle() {
        const enabled = !isEnabled();
        try {
            localStorage.setItem(storageKey, enabled ? 'true' : 'false');
        } catch {
            // Storage blocked: the choice lasts for this page only.
        }

        if (enabled) {
            const context = audioContext();
            context?.resume().then(() => chime('chat')).catch(() => { });
        }

        owner?.invokeMethodAsync('SoundChanged', enabled).catch(() => { });
    }

    // Capture phase: runs inside the user's click, before Blazor sees it.
    document.addEventListener('click', event => {
        if (event.target instanceof Element && event.target.closest('[data-desk-ring-toggle]')) {
            toggle();
        }

        askForNotificationsOnce();
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
        /** How many alerts the desk played in this page, and the last one (read by the browser tests). */
        count: 0,
        last: null,

        attach(dotNetObject) {
            owner = dotNetObject;
            return isEnabled();
        },

        detach() {
            owner = null;
            this.setUnread(0);
        },

        isEnabled,

        /** kind: 'chat' (a new or transferred conversation) or 'message'; href: the conversation's workspace. */
        alert(kind, title, body, href) {
            this.count++;
            this.last = { kind, title, body, href, at: Date.now() };
            const sounded = isEnabled() && chime(kind);
            const notified = notify(title, body, href);
            return { sounded, notified };
        },

        /** The number shown in front of the tab title; 0 shows the page's own title. */
        setUnread(count) {
            unread = count;
            applyTitle();
        }
    };
})();
