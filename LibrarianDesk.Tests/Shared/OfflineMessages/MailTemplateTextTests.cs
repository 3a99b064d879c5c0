using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Tests.OfflineMessages;

public sealed class MailTemplateTextTests
{
    private static readonly Dictionary<string, MailValue> Values = new()
    {
        ["PatronName"] = MailValue.Plain("Siti <b>Rahma</b>"),
        ["Reply"] = MailValue.Plain("Baris satu\r\nbaris dua"),
    };

    [Fact]
    public void A_template_with_known_placeholders_is_valid()
    {
        MailTemplateText.Validate(MailTemplateKinds.OfflineReply, "Re: {PatronName}", "Yth. {PatronName},\n\n{Reply}\n{LibraryName}").Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_placeholder_is_named_once_even_when_used_twice()
    {
        MailTemplateText.Validate(MailTemplateKinds.Transcript, "{Reply}", "{Transcript} {Reply} {Nama}")
            .Should().Equal(new MailTemplateProblem(MailTemplateText.UnknownPlaceholder, "Reply"), new MailTemplateProblem(MailTemplateText.UnknownPlaceholder, "Nama"));
    }

    [Theory]
    [InlineData("Halo\r\nBcc: spy@evil.test")]
    [InlineData("Halo\nBcc: spy@evil.test")]
    [InlineData("Halo\u2028Bcc: spy@evil.test")]
    public void A_line_break_in_the_subject_is_refused(string subject)
    {
        MailTemplateText.Validate(MailTemplateKinds.OfflineReply, subject, "{Reply}")
            .Should().Equal(new MailTemplateProblem(MailTemplateText.SubjectHasLineBreak));
    }

    [Fact]
    public void Empty_and_too_long_parts_are_refused()
    {
        MailTemplateText.Validate(MailTemplateKinds.OfflineReply, " ", "").Select(p => p.Code)
            .Should().Equal(MailTemplateText.SubjectRequired, MailTemplateText.BodyRequired);
        MailTemplateText.Validate(MailTemplateKinds.OfflineReply, new string('s', MailTemplate.MaxSubjectLength + 1), new string('b', MailTemplate.MaxBodyLength + 1))
            .Select(p => p.Code).Should().Equal(MailTemplateText.SubjectTooLong, MailTemplateText.BodyTooLong);
    }

    [Fact]
    public void Braces_that_are_not_a_placeholder_are_plain_text()
    {
        MailTemplateText.Validate(MailTemplateKinds.OfflineReply, "Re {0}", "{ } {1x} {Reply}").Should().BeEmpty();
        MailTemplateText.RenderText("{ } {Reply}", Values).Should().Be("{ } Baris satu\nbaris dua");
    }

    [Fact]
    public void The_text_part_fills_in_the_values()
    {
        MailTemplateText.RenderText("Yth. {PatronName},\n\n{Reply}", Values).Should().Be("Yth. Siti <b>Rahma</b>,\n\nBaris satu\nbaris dua");
    }

    [Fact]
    public void The_html_part_encodes_the_template_and_the_patrons_words_and_keeps_line_breaks()
    {
        var html = MailTemplateText.RenderHtml("Yth. {PatronName} & tim,\n{Reply}", Values);

        html.Should().Contain("Yth. Siti &lt;b&gt;Rahma&lt;/b&gt; &amp; tim,<br>Baris satu<br>baris dua").And.NotContain("<b>");
    }
}
