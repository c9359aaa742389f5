using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Ekuiper.Api.Formatting;

/// <summary>
/// eKuiper reads request bodies as JSON whatever their Content-Type, and scripts often post with curl's default
/// form type or none at all. This formatter, placed after the standard JSON one, accepts those bodies too.
/// </summary>
public sealed class AnyContentTypeJsonInputFormatter : TextInputFormatter, IInputFormatterExceptionPolicy
{
    private readonly JsonSerializerOptions _options;

    public AnyContentTypeJsonInputFormatter(JsonSerializerOptions options)
    {
        _options = options;
        SupportedEncodings.Add(Encoding.UTF8);
        SupportedMediaTypes.Add("*/*");
    }

    public override bool CanRead(InputFormatterContext context) => true;

    /// <summary>
    /// Only JSON errors are the body's fault; others (a body over the size limit, a broken connection) reach the error
    /// handlers with their own status, as with the standard JSON formatter.
    /// </summary>
    public InputFormatterExceptionPolicy ExceptionPolicy => InputFormatterExceptionPolicy.MalformedInputExceptions;

    /// <summary>
    /// Decodes as eKuiper's json.NewDecoder(body).Decode does: the first JSON value of the body (what follows it is not
    /// read), and a body that does not decode is refused with Go's words, after the body's eKuiper prefix
    /// (<see cref="GoBodies"/>).
    /// </summary>
    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        using var reader = new StreamReader(context.HttpContext.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var text = await reader.ReadToEndAsync(context.HttpContext.RequestAborted);
        var decoding = GoBodies.For(context.ModelType);
        if (Ekuiper.Domain.Ruleset.GoJsonSyntax.Decode(text) is { } syntax)
        {
            return await Refuse(context, $"{decoding.Prefix}: {syntax}");
        }
        try
        {
            var json = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
            var model = JsonSerializer.Deserialize(ref json, context.ModelType, _options);
            return model is null && !context.TreatEmptyInputAsDefaultValue
                ? await InputFormatterResult.NoValueAsync()
                : await InputFormatterResult.SuccessAsync(model);
        }
        catch (JsonException e)
        {
            return await Refuse(context, $"{decoding.Prefix}: {GoBodies.ShapeError(text, context.ModelType) ?? e.Message}");
        }
    }

    private static Task<InputFormatterResult> Refuse(InputFormatterContext context, string message)
    {
        context.ModelState.TryAddModelError(context.ModelName, message);
        return InputFormatterResult.FailureAsync();
    }
}
