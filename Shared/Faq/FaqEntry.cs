namespace LibrarianDesk.Shared.Faq;

/// <summary>A question patrons ask often, with its answer, in both languages; only published ones reach the widget.</summary>
public sealed class FaqEntry
{
    public const int MaxQuestionLength = 300;
    public const int MaxAnswerLength = 4000;

    public int Id { get; set; }
    public string QuestionId { get; set; } = "";
    public string AnswerId { get; set; } = "";
    public string QuestionEn { get; set; } = "";
    public string AnswerEn { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsPublished { get; set; } = true;
}
