using System.Reflection;
using LibrarianDesk.Tests.Infrastructure;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestFramework(typeof(LibrarianDesk.Tests.OnPostgreSql.PostgreSqlRunFramework))]

namespace LibrarianDesk.Tests.OnPostgreSql;

/// <summary>
/// xUnit as usual, except that where PostgreSQL is not installed (outside CI) every test of this run is skipped with the
/// install command before any fixture starts: a desk fixture cannot skip its tests itself (xUnit reports a fixture's
/// skip as a failure), and without a database none of them could run. Under CI the tests run and fail instead.
/// </summary>
public sealed class PostgreSqlRunFramework : XunitTestFramework
{
    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly) => new Executor(base.CreateExecutor(assembly));

    private sealed class Executor(ITestFrameworkExecutor xunit) : ITestFrameworkExecutor
    {
        public async ValueTask RunTestCases(
            IReadOnlyCollection<ITestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions, CancellationToken? cancellationToken)
        {
            if (PostgreSqlCluster.SkipReason is { } reason && testCases.Count > 0)
            {
                var xunitCases = testCases.Cast<IXunitTestCase>().ToList();
                await SkippingRunner.Instance.RunAsync(
                    xunitCases[0].TestCollection.TestAssembly, xunitCases, executionMessageSink, executionOptions, reason, cancellationToken ?? CancellationToken.None);
            }
            else
            {
                await xunit.RunTestCases(testCases, executionMessageSink, executionOptions, cancellationToken);
            }
        }
    }

    private sealed class SkippingRunner : XunitTestAssemblyRunner
    {
        public static new SkippingRunner Instance { get; } = new();

        public async ValueTask<RunSummary> RunAsync(
            IXunitTestAssembly testAssembly, IReadOnlyCollection<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions, string reason, CancellationToken cancellationToken)
        {
            await using var context = new SkippingContext(testAssembly, testCases, executionMessageSink, executionOptions, reason, cancellationToken);
            await context.InitializeAsync();
            return await Run(context);
        }
    }

    private sealed class SkippingContext(
        IXunitTestAssembly testAssembly, IReadOnlyCollection<IXunitTestCase> testCases, IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions, string reason, CancellationToken cancellationToken)
        : XunitTestAssemblyRunnerContext(testAssembly, testCases, executionMessageSink, executionOptions, cancellationToken)
    {
        public override ValueTask<RunSummary> RunTestCollection(IXunitTestCollection testCollection, IReadOnlyCollection<IXunitTestCase> testCases) =>
            new(XunitRunnerHelper.SkipTestCases(
                MessageBus, CancellationTokenSource, testCases, reason,
                sendTestCollectionMessages: true, sendTestClassMessages: true, sendTestMethodMessages: true, sendTestCaseMessages: true, sendTestMessages: true));
    }
}
