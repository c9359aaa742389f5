namespace Ekuiper.Domain.Sql;

/// <summary>Lexical categories of eKuiper SQL.</summary>
public enum TokenKind
{
    EndOfInput,

    /// <summary>A character or sequence the language does not allow (e.g. <c>@</c>, a bad escape).</summary>
    Illegal,

    /// <summary>A double-quoted string that reaches the end of the input.</summary>
    UnterminatedString,

    Identifier,
    Integer,
    Number,

    /// <summary>A double-quoted string; eKuiper accepts only these as option values.</summary>
    String,

    /// <summary>A single-quoted string; interchangeable with <see cref="String"/> inside expressions.</summary>
    SingleQuotedString,

    // Operators and punctuation.
    Plus,
    Minus,
    Asterisk,
    Slash,
    Percent,
    Ampersand,
    Pipe,
    Caret,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Arrow,
    Dot,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Colon,
    Hash,
    Semicolon,

    // Reserved words: these can only be used as names when back-quoted.
    Select,
    As,
    From,
    Where,
    And,
    Or,
    Group,
    Having,
    Order,
    By,
    Asc,
    Desc,
    Filter,
    Inner,
    Left,
    Right,
    Full,
    Cross,
    Join,
    On,
    Case,
    When,
    Then,
    Else,
    End,
    Default,
    In,
    Not,
    Between,
    Like,
    Over,
    Partition,
    Replace,
    Except,
    Invisible,
    True,
    False,
    Limit,

    // Time units, used as the first argument of the time windows.
    Dd,
    Hh,
    Mi,
    Ss,
    Ms,
}
