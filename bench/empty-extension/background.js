// Intentionally empty: the harness waits for an extension service worker to start.
