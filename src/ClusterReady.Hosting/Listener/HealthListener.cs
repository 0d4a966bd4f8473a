using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using ClusterReady.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Listener;

/// <summary>
/// A minimal HTTP/1.1 server for a worker that has no ASP.NET Core: GET and HEAD of the three health endpoints, with
/// keep-alive and pipelining, fixed responses, and limits on header size, time and connections.
/// </summary>
/// <remarks>
/// It starts before any other hosted service (so the startup probe can answer "not yet") and stops after all of
/// them (so liveness keeps answering while background work finishes).
/// </remarks>
internal sealed partial class HealthListener : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>Largest request head accepted; a probe's is about 150 bytes.</summary>
    internal const int MaxRequestHeadBytes = 8 * 1024;

    /// <summary>Connections served at once; more are closed on accept so that a flood cannot exhaust memory or sockets.</summary>
    internal const int MaxConnections = 512;

    private readonly IReadOnlyList<int> _ports;
    private readonly IReadOnlyList<ProbeEndpoint> _endpoints;
    private readonly byte[][] _paths;
    private readonly HealthProbes _probes;
    private readonly HealthState _state;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _listeners = [];
    // The port each of _listeners is bound to, which is each accepted connection's local port: not asked of every
    // connection's socket (a getsockname call and an IPEndPoint per connection).
    private readonly List<int> _boundPorts = [];
    private readonly List<Task> _acceptLoops = [];
    // A set under a lock rather than a ConcurrentDictionary<Connection, byte>: its value-type instantiation would be
    // compiled by the JIT before the first probe could be answered; HashSet of a class shares precompiled code.
    private readonly HashSet<Connection> _active = [];
    private readonly Lock _activeGate = new();
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Timer? _heartbeat;
    private Task _serving = Task.CompletedTask;
    private Task? _stopped;
    private volatile bool _closingIdle;
    private int _connections;

    // A category logger from the factory rather than ILogger<HealthListener>: see ClusterReadyLifetime.OnStarted.
    public HealthListener(ClusterReadySettings settings, HealthProbes probes, HealthState state, ILoggerFactory loggerFactory)
        : this(settings.ListenerPorts, settings, probes, state, loggerFactory.CreateLogger(typeof(HealthListener).FullName!))
    {
    }

    internal HealthListener(IReadOnlyList<int> ports, ClusterReadySettings settings, HealthProbes probes, HealthState state, ILogger logger)
    {
        _ports = ports;
        _endpoints = settings.Endpoints.ToArray();
        _paths = _endpoints.Select(e => Encoding.ASCII.GetBytes(e.Path)).ToArray();
        _probes = probes;
        _state = state;
        _logger = logger;
    }

    /// <summary>Time from a request's first byte to the end of its head, and for writing an answer.</summary>
    internal TimeSpan RequestHeadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time an idle keep-alive connection is kept.</summary>
    internal TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time a connection closed at stop waits for the client to close its side, reading (and dropping) what it still
    /// sends: closing a socket with unread bytes would send the client a reset instead of the end of the stream.
    /// </summary>
    internal TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Time an idle keep-alive connection may still bring its next request once the listener stops, answered with
    /// <c>Connection: close</c>; then it is closed. A client that has just sent that request would otherwise find its
    /// connection closed under it, the request unanswered.
    /// </summary>
    internal TimeSpan IdleCloseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The ports bound, once started (differs from the ports asked for only when one was 0).</summary>
    internal IReadOnlyList<int> BoundPorts => _boundPorts;

    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton<HealthListener>();
        // What AddHostedService(factory) registers, through an overload that the host itself has already used (the
        // generic AddHostedService and ServiceDescriptor methods would be three more for the JIT at start-up).
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<HealthListener>());
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var port in _ports)
        {
            // Bound here, on the host's thread, so that a port in use fails the host's start.
            var listener = Bind(port);
            _listeners.Add(listener);
            var boundPort = port != 0 ? port : ((IPEndPoint)listener.LocalEndPoint!).Port;
            _boundPorts.Add(boundPort);
        }

        // Logged once the app has started, not here on the way to it: see HealthState.AfterStarted.
        _state.AfterStarted(LogListening);

        // Accepting starts on the thread pool: the socket engine's first use (its event thread) and the heartbeat's
        // timer cost a few milliseconds that the rest of the host's start need not wait for. Connections that arrive
        // meanwhile wait in the listen backlog.
        _serving = Task.Run(StartServing);
        return Task.CompletedTask;
    }

    private void LogListening()
    {
        foreach (var port in _boundPorts)
        {
            // Through the logger's own formatting, not a LoggerMessage: see ClusterReadyLifetime.OnStarted.
            _logger.Log(LogLevel.Information, new EventId(40, "Listening"), null, "Health endpoints listening on port {Port}", port);
        }
    }

    // DisposeAsync awaits this before it reads what it sets.
    private void StartServing()
    {
        _heartbeat = new Timer(static s => ((HealthListener)s!).CloseExpiredConnections(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        for (var i = 0; i < _listeners.Count; i++)
        {
            _acceptLoops.Add(AcceptLoopAsync(_listeners[i], _boundPorts[i]));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops as Kestrel does, after every other hosted service: no new connections; every request that arrives is
    /// answered, with <c>Connection: close</c>; keep-alive connections still idle after <see cref="IdleCloseDelay"/>
    /// are closed with a FIN; then it waits for the clients to close their side, until
    /// <paramref name="cancellationToken"/> (the host's shutdown timeout) ends.
    /// </summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => StopServingAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // After a graceful stop this finds nothing left to close; without one, it closes everything at once.
        await StopServingAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
    }

    private Task StopServingAsync(CancellationToken cancellationToken)
    {
        lock (_activeGate)
        {
            _stopped ??= StopAsyncCore(cancellationToken);
            return _stopped;
        }
    }

    private async Task StopAsyncCore(CancellationToken cancellationToken)
    {
        // The listening sockets close first: a client that reconnects after a Connection: close answer (given only
        // once _stopping is set) is then refused, instead of landing in the backlog of a socket about to close, which
        // resets what it finds there.
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _stopping.Cancel();

        await _serving.ConfigureAwait(false);
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);

        // Every answer from now on closes its connection. Idle connections get a moment for a request already on its
        // way; then those still idle are closed here (ServeAsync adds each connection to _active before its first
        // await, so none is missed). The heartbeat keeps running and ends those whose clients never close.
        if (Volatile.Read(ref _connections) > 0)
        {
            await Task.Delay(IdleCloseDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _closingIdle = true;
        foreach (var connection in ActiveConnections())
        {
            if (connection.TryClose())
            {
                CloseGracefully(connection);
            }
        }

        if (Volatile.Read(ref _connections) > 0)
        {
            await _allClosed.Task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var connection in ActiveConnections())
        {
            connection.Socket.Dispose();
        }
    }

    /// <summary>Sends the FIN and gives the client <see cref="CloseTimeout"/> to answer with its own.</summary>
    private void CloseGracefully(Connection connection)
    {
        connection.Deadline = Environment.TickCount64 + (long)CloseTimeout.TotalMilliseconds;
        try
        {
            connection.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already reset or closed by the client.
        }
    }

    private void ConnectionEnded()
    {
        if (Interlocked.Decrement(ref _connections) == 0 && _stopping.IsCancellationRequested)
        {
            _allClosed.TrySetResult();
        }
    }

    private static Socket Bind(int port)
    {
        // One dual-mode socket serves IPv4 and IPv6, as Kestrel's ListenAnyIP does; a node without IPv6 gets IPv4.
        if (Socket.OSSupportsIPv6)
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Listen(512);
                return socket;
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable)
            {
                socket.Dispose();
            }
        }

        var ipv4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            ipv4.Bind(new IPEndPoint(IPAddress.Any, port));
            ipv4.Listen(512);
            return ipv4;
        }
        catch
        {
            ipv4.Dispose();
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private async Task AcceptLoopAsync(Socket listener, int localPort)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
                || exception is SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                // The stop closed the listening socket.
                return;
            }
            catch (SocketException exception)
            {
                // Out of file descriptors or a connection reset before accept: keep serving the others.
                Log.AcceptFailed(_logger, exception.SocketErrorCode);
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
                continue;
            }

            if (Interlocked.Increment(ref _connections) > MaxConnections)
            {
                ConnectionEnded();
                connection.Dispose();
                continue;
            }

            connection.NoDelay = true;
            _ = ServeAsync(connection, localPort);
        }
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private async Task ServeAsync(Socket socket, int localPort)
    {
        var connection = new Connection(socket);
        lock (_activeGate)
        {
            _active.Add(connection);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxRequestHeadBytes);
        try
        {
            // Accepted as the listener stops, after it closed the idle connections: closed like them.
            if (_closingIdle && connection.TryClose())
            {
                await CloseAndDrainAsync(connection, buffer).ConfigureAwait(false);
                return;
            }

            var filled = 0;
            var requestStarted = 0L;
            while (true)
            {
                var headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                if (headEnd < 0)
                {
                    if (filled == MaxRequestHeadBytes)
                    {
                        await socket.SendAsync(HttpResponses.HeadersTooLarge, SocketFlags.None).ConfigureAwait(false);
                        connection.MarkClosing();
                        await CloseAndDrainAsync(connection, buffer).ConfigureAwait(false);
                        return;
                    }

                    // An idle connection may wait for its next request; a started one must finish its head in time,
                    // however slowly its bytes trickle in.
                    connection.Deadline = filled == 0
                        ? Environment.TickCount64 + (long)KeepAliveTimeout.TotalMilliseconds
                        : requestStarted + (long)RequestHeadTimeout.TotalMilliseconds;
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled, MaxRequestHeadBytes - filled), SocketFlags.None).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    if (filled == 0)
                    {
                        if (!connection.TryBeginRequest())
                        {
                            // The stop closed this idle connection (sent its FIN) before these bytes arrived: they
                            // cannot be answered any more; read until the client closes, so that it gets no reset.
                            await DrainAsync(socket, buffer).ConfigureAwait(false);
                            return;
                        }

                        requestStarted = Environment.TickCount64;
                    }

                    filled += read;
                    continue;
                }

                // A client that sends requests but never reads the answers must not hold the connection forever.
                connection.Deadline = Environment.TickCount64 + (long)RequestHeadTimeout.TotalMilliseconds;
                var response = Respond(connection, buffer, headEnd, localPort, out var pending)
                    ?? HttpResponses.ForProbe(await pending.ConfigureAwait(false), !connection.KeepAlive, connection.Head);
                // As memory: the byte[] overload would return a Task (an allocation per request) instead of a pooled ValueTask.
                await socket.SendAsync(response.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                if (!connection.KeepAlive)
                {
                    connection.MarkClosing();
                    await CloseAndDrainAsync(connection, buffer).ConfigureAwait(false);
                    return;
                }

                // Keep what a pipelining client already sent after this request.
                var consumed = headEnd + 4;
                filled -= consumed;
                if (filled > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled);
                    requestStarted = Environment.TickCount64;
                    continue;
                }

                // Idle until the next request. A stop that closed the idle connections while this one was answered
                // left it to close itself: it does so here (the answer went out complete, so a FIN is clean).
                connection.EndRequest();
                if (_closingIdle && connection.TryClose())
                {
                    await CloseAndDrainAsync(connection, buffer).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Reset by the peer, timed out by the heartbeat, or the listener is stopping: nothing to answer.
        }
        finally
        {
            lock (_activeGate)
            {
                _active.Remove(connection);
            }

            socket.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            ConnectionEnded();
        }
    }

    /// <summary>Ends our side of the connection (<see cref="CloseGracefully"/>), then drains it.</summary>
    private Task CloseAndDrainAsync(Connection connection, byte[] buffer)
    {
        CloseGracefully(connection);
        return DrainAsync(connection.Socket, buffer);
    }

    /// <summary>After our FIN: reads and drops whatever the client still sends until it closes (or the heartbeat cuts it off).</summary>
    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private static async Task DrainAsync(Socket socket, byte[] buffer)
    {
        while (await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>
    /// Closes connections past their deadline, once a second, as Kestrel's heartbeat does: cheaper than a timer per
    /// read, and a closed socket ends whatever read or write is pending on it.
    /// </summary>
    private void CloseExpiredConnections()
    {
        var now = Environment.TickCount64;
        foreach (var connection in ActiveConnections())
        {
            if (connection.Deadline < now)
            {
                connection.Socket.Dispose();
            }
        }
    }

    /// <summary>
    /// The response to the request head in <paramref name="buffer"/>, or null when it waits for
    /// <paramref name="pending"/> (health checks still running); sets <see cref="Connection.KeepAlive"/> and
    /// <see cref="Connection.Head"/>.
    /// </summary>
    /// <remarks>The caller awaits the checks itself: one state machine per connection instead of one per answer.</remarks>
    private byte[]? Respond(Connection connection, byte[] buffer, int headEnd, int localPort, out ValueTask<ProbeResult> pending)
    {
        pending = default;
        connection.KeepAlive = false;
        // Once stopping, every answer closes its connection.
        var stopping = _stopping.IsCancellationRequested;
        switch (HttpRequestParser.Parse(buffer.AsSpan(0, headEnd), out var request))
        {
            case ParseStatus.BadRequest:
                return HttpResponses.BadRequest;
            case ParseStatus.VersionNotSupported:
                return HttpResponses.VersionNotSupported;
        }

        var endpoint = Match(request.Path, localPort);
        var head = request.Method == RequestMethod.Head;
        var keepAlive = request.KeepAlive && !stopping;
        connection.Head = head;
        if (endpoint is null)
        {
            connection.KeepAlive = keepAlive;
            return HttpResponses.NotFound(!keepAlive, head);
        }

        if (request.Method == RequestMethod.Other)
        {
            return HttpResponses.MethodNotAllowed;
        }

        connection.KeepAlive = keepAlive;
        var probe = _probes.CheckAsync(endpoint.Kind);
        if (probe.IsCompletedSuccessfully)
        {
            return HttpResponses.ForProbe(probe.Result, !keepAlive, head);
        }

        pending = probe;
        return null;
    }

    private ProbeEndpoint? Match(ReadOnlySpan<byte> path, int localPort)
    {
        for (var i = 0; i < _paths.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(path, _paths[i]) && _endpoints[i].AnswersOn(localPort))
            {
                return _endpoints[i];
            }
        }

        return null;
    }

    private Connection[] ActiveConnections()
    {
        lock (_activeGate)
        {
            return [.. _active];
        }
    }

    private sealed class Connection(Socket socket)
    {
        private const int Idle = 0;
        private const int Busy = 1;
        private const int Closing = 2;

        private long _deadline = long.MaxValue;
        private int _state = Idle;

        public Socket Socket { get; } = socket;

        /// <summary>Whether the connection stays open after the response being sent.</summary>
        public bool KeepAlive { get; set; }

        /// <summary>Whether the request being answered is a HEAD (the answer has no body).</summary>
        public bool Head { get; set; }

        /// <summary>The first bytes of a request arrived; false when the stop has closed the idle connection first.</summary>
        public bool TryBeginRequest() => Interlocked.CompareExchange(ref _state, Busy, Idle) == Idle;

        /// <summary>The answer went out and the connection waits for the next request.</summary>
        /// <remarks>A full fence (the caller reads the stop's flag next, which the stop sets before it claims idle connections).</remarks>
        public void EndRequest() => Interlocked.Exchange(ref _state, Idle);

        /// <summary>Claims an idle connection for closing; false while a request is being answered.</summary>
        public bool TryClose() => Interlocked.CompareExchange(ref _state, Closing, Idle) == Idle;

        /// <summary>The connection closes after its answer; the stop must not close it again.</summary>
        public void MarkClosing() => Volatile.Write(ref _state, Closing);

        /// <summary>Environment.TickCount64 after which the heartbeat closes the connection.</summary>
        public long Deadline
        {
            get => Volatile.Read(ref _deadline);
            set => Volatile.Write(ref _deadline, value);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(41, LogLevel.Warning, "Accepting a health endpoint connection failed: {Error}")]
        public static partial void AcceptFailed(ILogger logger, SocketError error);
    }
}
