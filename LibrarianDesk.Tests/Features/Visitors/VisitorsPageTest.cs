using LibrarianDesk.Features.CannedResponses;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>bUnit for the Visitors page against a running desk, signed in as its Online librarian.</summary>
public abstract class VisitorsPageTest : LiveDeskComponentTest
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected VisitorsPageTest(VisitorDeskApp app)
        : base(app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Desk = app;
        Services.AddSingleton(app.Service<VisitorService>());
        Services.AddSingleton(app.Service<VisitorDirectory>());
        Services.AddSingleton(app.Service<VisitorHistory>());
        Services.AddSingleton(app.Service<GreetingService>());
        Services.AddSingleton(app.Service<CannedResponseService>());
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    protected VisitorDeskApp Desk { get; }
}
