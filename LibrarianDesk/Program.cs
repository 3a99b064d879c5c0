using LibrarianDesk.Components;
using LibrarianDesk.Data;
using LibrarianDesk.Data.Copy;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.AuditLog;
using LibrarianDesk.Features.CannedResponses;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Faq;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Features.Widget;
using LibrarianDesk.Hosting;

// `copy-database …` reads the desk's settings like a start does, then copies and exits without the web host.
var copyDatabase = CopyDatabaseCommand.From(args);
args = copyDatabase?.HostArguments.ToArray() ?? args;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContentRoot.For(args) });

builder.AddRepositoryConfiguration();
builder.UseDefaultUrlsUnlessConfigured();
builder.AddTrustedProxies();
builder.AddPeriodicWork();
builder.AddDeskDatabase();
builder.AddDeskAccounts();
builder.AddDeskUserInterface();
builder.AddAudit();
builder.AddAuditLog();
builder.AddServiceHours();
builder.AddPrivacy();
builder.AddDesk();
builder.AddConversations();
builder.AddFaq();
builder.AddCannedResponses();
builder.AddQueue();
builder.AddIpBlocks();
builder.AddMembers();
builder.AddPatronWidget();
builder.AddAttachments();
builder.AddMail();
builder.AddOfflineMessages();
builder.AddHistory();
builder.AddAnalytics();
builder.AddVisitors();
builder.AddPatronNotice();
builder.AddSeveralServers();

var app = builder.Build();

if (copyDatabase is not null)
{
    return await copyDatabase.RunAsync(app.Services, Console.Out, Console.Error);
}

// A wrong database setting or an unreachable server stops the desk with one line, not a stack trace.
if (await DeskDatabase.ProblemAsync(app.Services) is { } databaseProblem)
{
    await Console.Error.WriteLineAsync(databaseProblem);
    return 1;
}

if (SeveralServers.Problem(app.Services) is { } redisProblem)
{
    await Console.Error.WriteLineAsync(redisProblem);
    return 1;
}

app.UseDeskPipeline();
app.MapDeskEndpoints();
app.MapPatronWidget();
app.MapAttachments();

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
