namespace Ekuiper.Application.Common.Interfaces;

public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
