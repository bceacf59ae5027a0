using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.SshKeys;
using Hyperfleet.Core.Validation;

namespace Hyperfleet.Server.Api.SshKeys;

/// <summary>Checks an add-ssh-key request (with its defaults applied), reporting every invalid field at once.</summary>
public static class InstallSshKeyValidator
{
    /// <summary>Longest password accepted; longer is a paste accident, not a password.</summary>
    public const int MaxPasswordLength = 1024;

    public static List<FieldError> Validate(InstallSshKeyRequest request, int port, string user)
    {
        var errors = new List<FieldError>();
        Add(errors, "host", HostnameRule.Validate(request.Host?.Trim()));
        Add(errors, "port", PortNumberRule.Validate(port));
        Add(errors, "user", SshUserRule.Validate(user));
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new FieldError("password", "password_required", "password is required for the one login that installs the key."));
        }
        else if (request.Password.Length > MaxPasswordLength)
        {
            errors.Add(new FieldError("password", "password_too_long", $"password must have at most {MaxPasswordLength} characters."));
        }
        return errors;
    }

    private static void Add(List<FieldError> errors, string field, RuleError? error)
    {
        if (error is not null)
        {
            errors.Add(new FieldError(field, error.Code, error.Message));
        }
    }
}
