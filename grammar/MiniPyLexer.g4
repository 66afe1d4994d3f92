// Lexer grammar of the mini-Python subset read by Terminator (rules: MiniPyParser.g4).
//
// MiniPyLexerBase (Terminator.Frontend/Python) turns the NEWLINE tokens below into Python's NEWLINE/INDENT/DEDENT
// structure: it tracks the indentation stack, drops blank and comment-only lines and joins lines inside brackets.
lexer grammar MiniPyLexer;

options { superClass = MiniPyLexerBase; }

tokens { INDENT, DEDENT }

// Keywords and operators, before NAME so keywords are never names; longer operators win by longest match.
POWER : '**' ;
SEMI : ';' ;
PASS : 'pass' ;
BREAK : 'break' ;
CONTINUE : 'continue' ;
RETURN : 'return' ;
RAISE : 'raise' ;
FROM : 'from' ;
ASSERT : 'assert' ;
COMMA : ',' ;
IMPORT : 'import' ;
AS : 'as' ;
STAR : '*' ;
OPEN_PAREN : '(' ;
CLOSE_PAREN : ')' ;
GLOBAL : 'global' ;
NONLOCAL : 'nonlocal' ;
DEL : 'del' ;
ASSIGN : '=' ;
ADD_ASSIGN : '+=' ;
SUB_ASSIGN : '-=' ;
MULT_ASSIGN : '*=' ;
DIV_ASSIGN : '/=' ;
IDIV_ASSIGN : '//=' ;
MOD_ASSIGN : '%=' ;
POWER_ASSIGN : '**=' ;
AT_ASSIGN : '@=' ;
AND_ASSIGN : '&=' ;
OR_ASSIGN : '|=' ;
XOR_ASSIGN : '^=' ;
LEFT_SHIFT_ASSIGN : '<<=' ;
RIGHT_SHIFT_ASSIGN : '>>=' ;
DOT : '.' ;
IF : 'if' ;
COLON : ':' ;
WHILE : 'while' ;
FOR : 'for' ;
IN : 'in' ;
DEF : 'def' ;
ARROW : '->' ;
CLASS : 'class' ;
WITH : 'with' ;
TRY : 'try' ;
FINALLY : 'finally' ;
ELIF : 'elif' ;
ELSE : 'else' ;
EXCEPT : 'except' ;
AT : '@' ;
DIV : '/' ;
LAMBDA : 'lambda' ;
OR : 'or' ;
AND : 'and' ;
NOT : 'not' ;
LESS_THAN : '<' ;
GREATER_THAN : '>' ;
EQUALS : '==' ;
GT_EQ : '>=' ;
LT_EQ : '<=' ;
NOT_EQ : '!=' ;
IS : 'is' ;
IDIV : '//' ;
MOD : '%' ;
ADD : '+' ;
MINUS : '-' ;
LEFT_SHIFT : '<<' ;
RIGHT_SHIFT : '>>' ;
AND_OP : '&' ;
XOR : '^' ;
OR_OP : '|' ;
NOT_OP : '~' ;
OPEN_BRACKET : '[' ;
CLOSE_BRACKET : ']' ;
YIELD : 'yield' ;
OPEN_BRACE : '{' ;
CLOSE_BRACE : '}' ;
TRUE_KW : 'True' ;
FALSE_KW : 'False' ;
NONE_KW : 'None' ;
ELLIPSIS : '...' ;


// After the keywords, so keywords are never names.
// Python's identifiers: a letter (any script's) or '_', then letters, digits, '_' and combining marks.
NAME
    : IdStart IdContinue*
    ;

fragment IdStart
    : [A-Za-z_]
    | [\p{XID_Start}]
    ;

fragment IdContinue
    : [A-Za-z_0-9]
    | [\p{XID_Continue}]
    ;

INTEGER
    : [1-9] ('_'? [0-9])*
    | '0' ('_'? '0')*
    | '0' [xX] ('_'? [0-9a-fA-F])+
    | '0' [oO] ('_'? [0-7])+
    | '0' [bB] ('_'? [01])+
    ;

FLOAT
    : Digits '.' Digits? Exponent?
    | '.' Digits Exponent?
    | Digits Exponent
    | (Digits | Digits '.' Digits? | '.' Digits) [jJ]
    ;

fragment Digits
    : [0-9] ('_'? [0-9])*
    ;

fragment Exponent
    : [eE] [+-]? Digits
    ;

STRING
    : StringPrefix? ('\'\'\'' .*? '\'\'\'' | '"""' .*? '"""' | '\'' ('\\' . | ~[\\'\r\n])* '\'' | '"' ('\\' . | ~[\\"\r\n])* '"')
    ;

fragment StringPrefix
    : [rRbBuUfF] [rRbBfF]?
    ;

// A line break with the next line's leading whitespace; MiniPyLexerBase turns these into NEWLINE/INDENT/DEDENT.
NEWLINE
    : ('\r'? '\n' | '\r') [ \t\f]*
    ;

LINE_JOIN
    : '\\' ('\r'? '\n' | '\r') -> skip
    ;

COMMENT
    : '#' ~[\r\n]* -> skip
    ;

WHITESPACE
    : [ \t\f]+ -> skip
    ;
