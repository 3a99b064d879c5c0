using LibrarianDesk.Shared.Visitors;

namespace LibrarianDesk.Tests.Visitors;

public sealed class GreetingTriggerRuleTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_dwell_trigger_is_due_once_the_time_on_a_matching_page_has_passed()
    {
        var trigger = new GreetingTrigger { Kind = GreetingTriggerKind.PageDwell, Pattern = "naskah", DwellSeconds = 45 };

        trigger.IsDue("https://library.test/koleksi/NASKAH-nusantara", null, Arrived, null, Arrived.AddSeconds(44)).Should().BeFalse();
        trigger.IsDue("https://library.test/koleksi/NASKAH-nusantara", null, Arrived, null, Arrived.AddSeconds(45)).Should().BeTrue();
        trigger.IsDue("https://library.test/k/17", "Naskah Kuno", Arrived, null, Arrived.AddSeconds(60)).Should().BeTrue("the title matches too");
        trigger.IsDue("https://library.test/peta", "Peta", Arrived, "https://naskah.example/", Arrived.AddHours(1)).Should().BeFalse("the referrer is not the page");
    }

    [Fact]
    public void A_referrer_trigger_is_due_at_once_for_a_matching_referrer_only()
    {
        var trigger = new GreetingTrigger { Kind = GreetingTriggerKind.Referrer, Pattern = "google." };

        trigger.IsDue("https://library.test/", null, Arrived, "https://www.Google.co.id/search?q=opac", Arrived).Should().BeTrue();
        trigger.IsDue("https://google.test/", null, Arrived, null, Arrived).Should().BeFalse();
    }

    [Fact]
    public void The_greeting_is_in_the_visitors_language_with_indonesian_as_the_fallback()
    {
        var trigger = new GreetingTrigger { TextId = "Halo!", TextEn = "Hello!" };
        trigger.TextFor("en").Should().Be("Hello!");
        trigger.TextFor("id").Should().Be("Halo!");
        new GreetingTrigger { TextId = "Halo!", TextEn = " " }.TextFor("en").Should().Be("Halo!");
    }
}
