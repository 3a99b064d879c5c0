using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Mail;

/// <summary>One template as the editor shows it: the wording in use and whether a Supervisor changed it.</summary>
public sealed record MailTemplateView(MailTemplate Template, bool IsCustom, MailTemplate Default);

/// <summary>
/// The wording of the desk's mails: a Supervisor's saved template, else the default from the resource
/// files. Read inside the caller's unit of work, so a mail is written with the template current at its commit.
/// </summary>
public sealed class MailTemplateStore(
    StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, IOptionsMonitor<MailOptions> mailOptions, TimeProvider time)
{
    public string LibraryName => mailOptions.CurrentValue.LibraryName;

    public async Task<MailTemplate> GetAsync(DeskDbContext db, string kind, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lang = MailTexts.TemplateLanguage(language);
        return await db.MailTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind && t.Language == lang, cancellationToken)
            ?? MailTexts.DefaultTemplate(kind, lang);
    }

    public async Task<MailTemplateView> GetViewAsync(string kind, string language, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lang = MailTexts.TemplateLanguage(language);
        var saved = await db.MailTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind && t.Language == lang, cancellationToken);
        var fallback = MailTexts.DefaultTemplate(kind, lang);
        return new MailTemplateView(saved ?? fallback, saved is not null, fallback);
    }

    /// <summary>Saves a Supervisor's wording. Returns the problems instead (nothing saved) when it is not valid.</summary>
    public async Task<IReadOnlyList<MailTemplateProblem>> SaveAsync(AuditActor actor, string kind, string language, string? subject, string? body)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        var problems = MailTemplateText.Validate(kind, subject, body);
        if (problems.Count > 0)
        {
            return problems;
        }

        var lang = MailTexts.TemplateLanguage(language);
        await using var db = await dbFactory.CreateDbContextAsync();
        var template = await db.MailTemplates.SingleOrDefaultAsync(t => t.Kind == kind && t.Language == lang);
        if (template is null)
        {
            template = new MailTemplate { Kind = kind, Language = lang };
            db.MailTemplates.Add(template);
        }

        template.Subject = subject!.Trim();
        template.Body = body!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
        template.UpdatedAt = time.GetStoredUtcNow();
        template.UpdatedBy = actor.Name;
        audit.Record(db, actor, OfflineAuditActions.TemplateSaved, $"{kind}/{lang}", template.Subject);
        await db.SaveChangesAsync();
        return [];
    }

    /// <summary>Back to the default wording of the resource files.</summary>
    public async Task ResetAsync(AuditActor actor, string kind, string language)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        var lang = MailTexts.TemplateLanguage(language);
        await using var db = await dbFactory.CreateDbContextAsync();
        var template = await db.MailTemplates.SingleOrDefaultAsync(t => t.Kind == kind && t.Language == lang);
        if (template is null)
        {
            return;
        }

        db.MailTemplates.Remove(template);
        audit.Record(db, actor, OfflineAuditActions.TemplateReset, $"{kind}/{lang}");
        await db.SaveChangesAsync();
    }

    /// <summary>The mail a template writes, with made-up values.</summary>
    public RenderedMail Preview(string kind, string language, string subject, string body) =>
        MailTexts.Preview(new MailTemplate { Kind = kind, Language = MailTexts.TemplateLanguage(language), Subject = subject, Body = body }, LibraryName);
}
