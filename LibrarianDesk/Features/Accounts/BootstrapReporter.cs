namespace LibrarianDesk.Features.Accounts;

/// <summary>Tells the person starting the desk the generated administrator password, once.</summary>
public interface IBootstrapReporter
{
    void GeneratedAdministrator(string email, string password);
}

/// <summary>
/// Writes to the console, not to the log: a password must not end up in log files or a log shipper.
/// </summary>
internal sealed class ConsoleBootstrapReporter : IBootstrapReporter
{
    public void GeneratedAdministrator(string email, string password) =>
        Console.Out.WriteLine($"""

            ================================================================
              LibrarianDesk: first administrator created
                email:    {email}
                password: {password}
              This password is shown once. Sign in and choose a new one.
            ================================================================

            """);
}
