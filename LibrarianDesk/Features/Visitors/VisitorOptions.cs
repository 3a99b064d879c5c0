namespace LibrarianDesk.Features.Visitors;

/// <summary>Section <c>Desk:Visitors</c>.</summary>
public sealed class VisitorOptions
{
    /// <summary>
    /// How long a visitor with no open tab still counts as here: moving to another page closes the
    /// connection and opens a new one a moment later, which is not a departure.
    /// </summary>
    public TimeSpan DepartureGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A visitor is not greeted again (by anyone, or by a trigger) within this time.</summary>
    public TimeSpan GreetingCooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An unanswered greeting disappears from the widget after this time; a later answer goes to the queue.</summary>
    public TimeSpan GreetingLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a patron answering a greeting must give a name (otherwise the desk names them "Visitor ABCD").</summary>
    public bool GreetingReplyRequiresName { get; set; }

    /// <summary>Whether a patron answering a greeting must give an email address.</summary>
    public bool GreetingReplyRequiresEmail { get; set; }

    /// <summary>How often departures are settled and automatic greetings are considered.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
