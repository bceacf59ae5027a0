using Hyperfleet.Contracts.Problems;
using Hyperfleet.Contracts.Users;
using Hyperfleet.Server.Data;

namespace Hyperfleet.Server.Users;

/// <summary>Checks a create-user request on its own (no database), reporting every invalid field at once.</summary>
public static class UserValidator
{
    /// <summary>Longest user name (the <c>users.username</c> and <c>desktops.owner</c> columns' width).</summary>
    public const int MaxUsernameLength = 64;
    public const int MinPasswordLength = 8;

    /// <summary>Longest password accepted; longer is a paste accident, not a password.</summary>
    public const int MaxPasswordLength = 1024;

    public static List<FieldError> Validate(CreateUserRequest request)
    {
        var errors = new List<FieldError>();
        if (!IsUsername(request.Username))
        {
            errors.Add(new FieldError("username", "username_invalid",
                $"username: use 1 to {MaxUsernameLength} lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit (e.g. ana.lopez)."));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new FieldError("password", "required", "password is required."));
        }
        else if (request.Password.Length < MinPasswordLength)
        {
            errors.Add(new FieldError("password", "password_too_short", $"password must have at least {MinPasswordLength} characters."));
        }
        else if (request.Password.Length > MaxPasswordLength)
        {
            errors.Add(new FieldError("password", "password_too_long", $"password must have at most {MaxPasswordLength} characters."));
        }
        if (request.Role is not (Roles.User or Roles.Admin))
        {
            errors.Add(new FieldError("role", "role_invalid", $"role must be '{Roles.User}' or '{Roles.Admin}'."));
        }
        return errors;
    }

    public static bool IsUsername(string? username) =>
        !string.IsNullOrEmpty(username) && username.Length <= MaxUsernameLength
        && (char.IsAsciiLetterLower(username[0]) || char.IsAsciiDigit(username[0]))
        && username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');
}
