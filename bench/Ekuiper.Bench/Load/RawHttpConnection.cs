using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ekuiper.Bench.Load;

/// <summary>
/// One HTTP/1.1 keep-alive connection on a bare socket: sends a request prepared once as bytes and reads the
/// answer (status line, headers, a Content-Length or chunked body, skipped), with one buffer for the connection's
/// life. Far cheaper per request than HttpClient, so that on a machine whose cores the server shares the load
/// generator takes as little of them as it can. No pipelining: one request in flight.
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] ContentLength = "content-length:"u8.ToArray();
    private static readonly byte[] TransferEncoding = "transfer-encoding:"u8.ToArray();
    private static readonly byte[] Connection = "connection:"u8.ToArray();

    private readonly EndPoint _endPoint;
    private readonly byte[] _buffer = new byte[1 << 16];
    private Socket? _socket;
    private int _start;
    private int _end;

    public RawHttpConnection(Uri server)
    {
        _endPoint = new IPEndPoint(IPAddress.Parse(server.Host), server.Port);
    }

    /// <summary>The bytes of a GET of <paramref name="pathAndQuery"/>, sent as they are by <see cref="SendAsync"/>.</summary>
    public static byte[] Get(Uri server, string pathAndQuery) =>
        Encoding.ASCII.GetBytes($"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\nAccept: */*\r\n\r\n");

    /// <summary>Sends the request and reads the whole answer; returns its status code.</summary>
    public async ValueTask<int> SendAsync(byte[] request)
    {
        if (_socket is null)
        {
            _socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await _socket.ConnectAsync(_endPoint);
            _start = _end = 0;
        }
        await _socket.SendAsync(request, SocketFlags.None);

        var (line, length) = await ReadLineAsync();
        if (length < 12 || !Utf8Parser.TryParse(_buffer.AsSpan(line + 9, 3), out int status, out _))
        {
            throw new InvalidDataException($"not an HTTP status line: {Encoding.ASCII.GetString(_buffer, line, length)}");
        }
        long contentLength = -1;
        var chunked = false;
        var close = false;
        while (true)
        {
            (line, length) = await ReadLineAsync();
            if (length == 0)
            {
                break;
            }
            var header = _buffer.AsSpan(line, length);
            if (HasName(header, ContentLength))
            {
                Utf8Parser.TryParse(header[ContentLength.Length..].Trim((byte)' '), out contentLength, out _);
            }
            else if (HasName(header, TransferEncoding))
            {
                chunked = header.IndexOf("chunked"u8) >= 0;
            }
            else if (HasName(header, Connection))
            {
                close = header.IndexOf("close"u8) >= 0;
            }
        }

        if (chunked)
        {
            while (true)
            {
                (line, length) = await ReadLineAsync();
                var size = _buffer.AsSpan(line, length);
                var extension = size.IndexOf((byte)';');
                if (!Utf8Parser.TryParse(extension < 0 ? size : size[..extension], out long chunk, out _, 'x'))
                {
                    throw new InvalidDataException("a chunk without a size");
                }
                if (chunk == 0)
                {
                    // Trailers (none from Kestrel) up to the empty line.
                    while ((await ReadLineAsync()).Length != 0)
                    {
                    }
                    break;
                }
                await SkipAsync(chunk + 2);
            }
        }
        else if (contentLength > 0)
        {
            await SkipAsync(contentLength);
        }

        if (close)
        {
            Close();
        }
        return status;
    }

    private static bool HasName(ReadOnlySpan<byte> header, byte[] name) =>
        header.Length >= name.Length && Ascii.EqualsIgnoreCase(header[..name.Length], name);

    /// <summary>The next line (without its CRLF) as a start and length in the buffer, valid until the next read.</summary>
    private async ValueTask<(int Start, int Length)> ReadLineAsync()
    {
        var searched = 0;
        while (true)
        {
            var found = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                var line = (_start, searched + found);
                _start += searched + found + 2;
                return line;
            }
            // Relative to _start, which FillAsync may move (with the bytes): a CR at the end may meet its LF next.
            searched = Math.Max(0, _end - _start - 1);
            await FillAsync();
        }
    }

    private async ValueTask SkipAsync(long count)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                await FillAsync();
            }
            var taken = (int)Math.Min(count, _end - _start);
            _start += taken;
            count -= taken;
        }
    }

    /// <summary>Reads more bytes after those not yet consumed, moving them to the buffer's start first.</summary>
    private async ValueTask FillAsync()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("an HTTP header line longer than the buffer");
        }
        var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _end += read;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose() => Close();
}
