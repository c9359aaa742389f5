using Ekuiper.Application.Common.Interfaces;

namespace Ekuiper.Infrastructure.Services;

public sealed class SystemClock : IClock
{
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
