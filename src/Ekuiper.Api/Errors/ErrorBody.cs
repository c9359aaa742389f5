using System.Text.Json.Serialization;

namespace Ekuiper.Api.Errors;

/// <summary>eKuiper's error body: {"error":code,"message":"…"}.</summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("error")] int Error,
    [property: JsonPropertyName("message")] string Message);
