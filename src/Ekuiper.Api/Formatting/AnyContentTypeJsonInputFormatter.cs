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

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        try
        {
            var model = await JsonSerializer.DeserializeAsync(context.HttpContext.Request.Body, context.ModelType, _options,
                context.HttpContext.RequestAborted);
            return model is null && !context.TreatEmptyInputAsDefaultValue
                ? await InputFormatterResult.NoValueAsync()
                : await InputFormatterResult.SuccessAsync(model);
        }
        catch (JsonException e)
        {
            context.ModelState.TryAddModelError(context.ModelName, e.Message);
            return await InputFormatterResult.FailureAsync();
        }
    }
}
