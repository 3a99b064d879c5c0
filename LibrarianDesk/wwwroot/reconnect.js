// Drives the desk's own reconnect dialog (Components/Layout/ReconnectModal.razor): Blazor reports its
// reconnection state on the dialog; the words are the server's, in the desk's language.
(() => {
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) {
        return;
    }

    const retryWhenVisible = async () => {
        if (document.visibilityState === 'visible') {
            await retry();
        }
    };

    async function retry() {
        document.removeEventListener('visibilitychange', retryWhenVisible);
        try {
            if (!await Blazor.reconnect() && !await Blazor.resumeCircuit()) {
                location.reload();
            }
        } catch {
            document.addEventListener('visibilitychange', retryWhenVisible);
        }
    }

    async function resume() {
        try {
            if (!await Blazor.resumeCircuit()) {
                location.reload();
            }
        } catch {
            modal.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
        }
    }

    modal.addEventListener('components-reconnect-state-changed', event => {
        switch (event.detail.state) {
            case 'show':
                if (!modal.open) {
                    modal.showModal();
                }
                break;
            case 'hide':
                modal.close();
                break;
            case 'failed':
                document.addEventListener('visibilitychange', retryWhenVisible);
                break;
            case 'rejected':
                location.reload();
                break;
        }
    });
    document.getElementById('components-reconnect-button').addEventListener('click', retry);
    document.getElementById('components-resume-button').addEventListener('click', resume);
})();
