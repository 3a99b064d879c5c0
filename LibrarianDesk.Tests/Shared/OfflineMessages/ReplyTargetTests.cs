using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Tests.Scheduling;

namespace LibrarianDesk.Tests.OfflineMessages;

public sealed class ReplyTargetTests
{
    private static readonly ServiceHoursClock Clock = new(DefaultServiceHours.WeeklyRanges(), DefaultServiceHours.Holidays2026());
    private static readonly TimeSpan Target = TimeSpan.FromHours(24);

    // Left on Sunday 6 December 2026 at 11:00 WIB: due Wednesday 13:00 (Monday and Tuesday count ten hours each).
    private static OfflineMessage SundayMessage() => new() { ReceivedAt = Desk.Wib("2026-12-06 11:00") };

    [Fact]
    public void On_monday_morning_a_sunday_message_has_waited_only_the_open_hours()
    {
        var state = new ReplyTarget(Clock, Target, Desk.Wib("2026-12-07 10:30")).Evaluate(SundayMessage());

        state.Should().Be(new ReplyTargetState(TimeSpan.FromHours(1.5), Desk.Wib("2026-12-09 13:00"), Overdue: false, AnsweredLate: false));
    }

    [Fact]
    public void A_new_message_past_the_target_is_overdue()
    {
        var state = new ReplyTarget(Clock, Target, Desk.Wib("2026-12-09 13:00")).Evaluate(SundayMessage());

        state.WorkingAge.Should().Be(Target);
        state.Overdue.Should().BeTrue();
    }

    [Fact]
    public void A_replied_message_is_aged_until_its_first_reply_and_marked_late_when_that_missed_the_target()
    {
        var onTime = SundayMessage();
        onTime.RecordReply("sari", Desk.Wib("2026-12-08 09:00"));
        var late = SundayMessage();
        late.RecordReply("sari", Desk.Wib("2026-12-09 14:00"));
        var target = new ReplyTarget(Clock, Target, Desk.Wib("2026-12-14 12:00"));

        target.Evaluate(onTime).Should().Be(new ReplyTargetState(TimeSpan.FromHours(10), Desk.Wib("2026-12-09 13:00"), false, false));
        target.Evaluate(late).Should().Be(new ReplyTargetState(TimeSpan.FromHours(25), Desk.Wib("2026-12-09 13:00"), false, true));
    }

    [Fact]
    public void A_closed_message_stops_ageing_and_is_never_overdue()
    {
        var message = SundayMessage();
        message.CloseWithoutReply(OfflineMessageCloseReason.Spam, Desk.Wib("2026-12-07 12:00"));

        var state = new ReplyTarget(Clock, TimeSpan.FromHours(1), Desk.Wib("2026-12-14 12:00")).Evaluate(message);

        state.WorkingAge.Should().Be(TimeSpan.FromHours(3));
        state.Overdue.Should().BeFalse();
    }
}
