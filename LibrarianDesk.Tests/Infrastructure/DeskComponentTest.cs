using System.Globalization;
using System.Security.Claims;
using Bunit;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// bUnit with what every desk component expects: MudBlazor's services, the real resource files, the
/// desk's real authorization policies and a signed-in staff member whose roles each test chooses.
/// Disposed asynchronously, as MudBlazor's services require.
/// </summary>
public abstract class DeskComponentTest : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo originalCulture = CultureInfo.CurrentUICulture;
    private readonly TestAuthenticationStateProvider authentication = new();

    // A wait only lasts this long when its condition never comes: two test runs side by side on two cores, the
    // PostgreSQL one's reads landing after the first render, need more than bUnit's one second.
    static DeskComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected DeskComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        // The browser's composer script finds the rendered textarea (it answers false only when a render had none).
        JSInterop.Setup<bool>("deskComposer.attach", _ => true).SetResult(true);
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddAuthorizationBuilder().AddDeskPolicies();

        // bUnit puts a placeholder in front of authorization; these tests want the desk's real policies evaluated.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(authentication);
        Services.AddSingleton<AntiforgeryStateProvider>(new CircuitAntiforgery());
        UseLanguage("id");
    }

    protected void SignInAs(string displayName, params string[] roles) => authentication.SignIn(displayName, roles);

    /// <summary>The UI language the next render uses (the desk sets it per circuit from the culture cookie).</summary>
    protected static void UseLanguage(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        CultureInfo.CurrentCulture = new CultureInfo(culture);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = originalCulture;
        CultureInfo.CurrentCulture = originalCulture;
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The antiforgery token a circuit keeps from the page it was served with (bUnit serves no page).</summary>
    protected sealed class CircuitAntiforgery : AntiforgeryStateProvider
    {
        public const string Token = "circuit-antiforgery-token";

        public override AntiforgeryRequestToken GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }

    private sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
    {
        private ClaimsPrincipal user = new(new ClaimsIdentity());

        public void SignIn(string displayName, string[] roles)
        {
            var claims = new List<Claim>
            {
                new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
                new(ClaimTypes.Name, displayName),
                new(DeskClaimTypes.DisplayName, displayName),
            };
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
            NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
        }

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
