using Ekuiper.Infrastructure;
using Microsoft.Extensions.Options;

namespace Ekuiper.Api.Http;

/// <summary>
/// Bounds every request body to <see cref="EkuiperOptions.MaxRequestBodyBytes"/>: a declared Content-Length over it is
/// refused before anything is read, and a body that turns out longer (chunked) fails its read — both with a 413
/// <see cref="BadHttpRequestException"/>, which <see cref="Errors.EkuiperExceptionHandler"/> answers in eKuiper's shape.
/// Kestrel is given the same limit (Program.cs); this also covers hosts without Kestrel's, such as the test server.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<EkuiperOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge);
        }
        context.Request.Body = new LimitedStream(context.Request.Body, limit);
        return next(context);
    }

    public static string TooLarge(long limit) =>
        $"the request body is larger than the limit of {limit} bytes (Ekuiper:MaxRequestBodyBytes); " +
        "import large files by URI with \"file\" instead";

    /// <summary>A read-only view of the body that fails once more than the limit has been read.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge);
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
