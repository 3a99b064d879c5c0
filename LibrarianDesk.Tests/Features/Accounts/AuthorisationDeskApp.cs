using System.Security.Claims;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>
/// The real desk with one signed-in client per kind of caller the authorisation rule tells apart. The
/// two-factor-pending session is the only test-made part: its principal gets <see cref="DeskClaimTypes.MustEnrolTwoFactor"/>
/// from a claims transformation (the claim is the whole contract with the two-factor sign-in).
/// </summary>
public sealed class AuthorisationDeskApp : DeskApp
{
    public const string PendingTwoFactorPrefix = "pending-2fa-";

    /// <summary>Callers by name: anonymous, one per role, and the two half-signed-in sessions (which hold every role).</summary>
    public IReadOnlyDictionary<string, HttpClient> Callers { get; private set; } = default!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IClaimsTransformation, PendingTwoFactorClaims>());
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var callers = new Dictionary<string, HttpClient>
        {
            [Caller.Anonymous] = CreateBrowserClient(),
            [Caller.Librarian] = await SignIn.NewClientWithRoleAsync(this, DeskRoles.Librarian),
            [Caller.Supervisor] = await SignIn.NewClientWithRoleAsync(this, DeskRoles.Supervisor),
            [Caller.ItAdmin] = await SignIn.NewClientWithRoleAsync(this, DeskRoles.ItAdmin),
        };

        var mustChange = $"must-change-{Guid.NewGuid():N}@test.local";
        await StaffAccounts.CreateAsync(this, mustChange, [.. DeskRoles.All], mustChangePassword: true);
        callers[Caller.MustChangePassword] = await SignedInAsync(mustChange);

        var pending = $"{PendingTwoFactorPrefix}{Guid.NewGuid():N}@test.local";
        await StaffAccounts.CreateAsync(this, pending, [.. DeskRoles.All]);
        callers[Caller.TwoFactorPending] = await SignedInAsync(pending);
        Callers = callers;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = CreateBrowserClient();
        var response = await SignIn.PostAsync(client, email, StaffPassword);
        SignIn.RedirectPath(response).Should().NotContain("Account/Login", $"{email} should be signed in, if not finished");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in Callers?.Values ?? [])
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>What the two-factor sign-in adds to an account whose role requires it but which has not enrolled.</summary>
    private sealed class PendingTwoFactorClaims : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (principal.Identity?.Name?.StartsWith(PendingTwoFactorPrefix, StringComparison.Ordinal) == true
                && !principal.HasClaim(c => c.Type == DeskClaimTypes.MustEnrolTwoFactor))
            {
                principal.AddIdentity(new ClaimsIdentity([new Claim(DeskClaimTypes.MustEnrolTwoFactor, "true")]));
            }

            return Task.FromResult(principal);
        }
    }
}

public static class Caller
{
    public const string Anonymous = "anonymous";
    public const string Librarian = DeskRoles.Librarian;
    public const string Supervisor = DeskRoles.Supervisor;
    public const string ItAdmin = DeskRoles.ItAdmin;
    public const string MustChangePassword = "must-change-password";
    public const string TwoFactorPending = "two-factor-pending";

    public static IReadOnlyList<string> Roles { get; } = [Librarian, Supervisor, ItAdmin];
}
