using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// One per circuit (a desk tab): tells the <see cref="PresenceTracker"/> when the tab's connection
/// comes up and goes down. The account comes from the circuit's own authentication state, which
/// Blazor sets before any handler runs.
/// </summary>
internal sealed class PresenceCircuitHandler(AuthenticationStateProvider authentication, PresenceTracker tracker) : CircuitHandler
{
    private string? librarianId;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        librarianId ??= await SignedInAccountAsync();
        if (librarianId is not null)
        {
            await tracker.ConnectedAsync(librarianId, circuit.Id, cancellationToken);
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Gone(circuit);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Gone(circuit);
        return Task.CompletedTask;
    }

    private void Gone(Circuit circuit)
    {
        if (librarianId is not null)
        {
            tracker.Disconnected(librarianId, circuit.Id);
        }
    }

    private async Task<string?> SignedInAccountAsync()
    {
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        }
        catch (InvalidOperationException)
        {
            // No authentication state on this circuit: nobody to track.
            return null;
        }
    }
}
