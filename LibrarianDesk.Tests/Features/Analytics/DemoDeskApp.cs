using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Analytics;

/// <summary>The desk with its demo data: a team, 60 days of conversations with recorded metrics, presence shifts.</summary>
public sealed class DemoDeskApp : DeskApp
{
    public const string SupervisorEmail = "hendra@demo.librariandesk.local";
    public const string DemoPassword = "Pustakawan2026";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Desk:DemoData:Enabled"] = "true",
        ["Desk:DemoData:Days"] = "60",
    };
}
