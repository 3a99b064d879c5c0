namespace LibrarianDesk.Bench.Hosting;

/// <summary>A server under load: the desk or its bare-hub baseline, listening on 127.0.0.1.</summary>
public interface IBenchServer : IAsyncDisposable
{
    Uri BaseAddress { get; }
}
