namespace Ekuiper.Application.Common.Exceptions;

/// <summary>An artifact was fetched but cannot be installed (not a zip, missing files, bad schema …); reported under its key.</summary>
public sealed class ArtifactInstallException(string message) : EkuiperException(ErrorCodes.General, message);
