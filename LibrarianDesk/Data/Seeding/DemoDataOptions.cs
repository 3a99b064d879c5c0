namespace LibrarianDesk.Data.Seeding;

/// <summary>Section <c>Desk:DemoData</c>: a believable demo for trying the desk out. Never switch it on in production.</summary>
public sealed class DemoDataOptions
{
    public bool Enabled { get; set; }

    /// <summary>How many days of past conversations to invent.</summary>
    public int Days { get; set; } = 90;

    /// <summary>The password of the demo librarian accounts (documented in the README).</summary>
    public string LibrarianPassword { get; set; } = "Pustakawan2026";
}
