using System.Security.Claims;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// bUnit against a running desk: the components get the app's real services (queries, chat rules,
/// presence, the desk's event bus), so events published by the app reach the rendered component.
/// </summary>
public abstract class LiveDeskComponentTest : DeskComponentTest
{
    protected LiveDeskComponentTest(DeskApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        App = app;
        Services.AddSingleton(app.Service<ConversationQueries>());
        Services.AddSingleton(app.Service<UnreadMessages>());
        Services.AddSingleton(app.Service<LibrarianChat>());
        Services.AddSingleton(app.Service<ConversationClassifier>());
        Services.AddSingleton(app.Service<QuestionTypeCatalog>());
        Services.AddSingleton(app.Service<MissedFollowUp>());
        Services.AddSingleton(app.Service<PresenceService>());
        Services.AddSingleton(app.Service<DeskNotifier>());
        Services.AddSingleton(app.Service<TimeProvider>());
        Services.AddSingleton(app.Service<IDbContextFactory<DeskDbContext>>());
        Services.AddSingleton(app.Service<MemberService>());
        Services.AddSingleton(app.Service<IpBlockService>());
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    }

    protected DeskApp App { get; }

    /// <summary>Signed in as a real account of the app (the base class invents an id no database knows).</summary>
    protected void SignInAsAccount(string accountId, string displayName, params string[] roles)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, accountId),
            new(ClaimTypes.Name, displayName),
            new(DeskClaimTypes.DisplayName, displayName),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationStateProvider(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))));
    }

    private sealed class FixedAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
