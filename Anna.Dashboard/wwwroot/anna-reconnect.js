// The reconnect indicator's buttons (Layout/ReconnectIndicator.razor). Blazor shows and hides the
// indicator itself through CSS classes; this only wires what a press does.
(() => {
    const retry = document.getElementById("anna-reconnect-retry");
    const reload = document.getElementById("anna-reconnect-reload");
    retry?.addEventListener("click", async () => {
        try {
            // false: the server answered but no longer holds this circuit, so only a reload helps.
            if (!await Blazor.reconnect())
                location.reload();
        } catch {
            // Still unreachable: Blazor keeps the failed state and the button stays offered.
        }
    });
    reload?.addEventListener("click", () => location.reload());
})();
