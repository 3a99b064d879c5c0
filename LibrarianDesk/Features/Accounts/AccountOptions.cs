namespace LibrarianDesk.Features.Accounts;

/// <summary>Section <c>Desk:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>Section <c>Desk:Bootstrap</c>: the first administrator, created once on an empty database.</summary>
public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminDisplayName { get; set; } = "Administrator";
}
