// Grammar of the mini-C subset read by Terminator.
//
// The grammar deliberately accepts more than the supported subset (pointers, arrays, structs, floating point,
// recursion, ...): the converter to the core IR then rejects those constructs with an
// "unsupported: ..." message at their exact position, which is far more helpful than a syntax error.
// Typedef names are plain identifiers here; the converter decides whether an identifier names a type.
grammar MiniC;

// ---------------------------------------------------------------- translation unit

compilationUnit
    : externalItem* EOF
    ;

externalItem
    : functionDefinition
    | declaration
    | DirectiveLine
    | ';'
    ;

functionDefinition
    : declarationSpecifiers? declarator compoundStatement
    ;

// Used to read the body of '#define NAME body' on its own.
standaloneExpression
    : expression EOF
    ;

// ---------------------------------------------------------------- declarations

declaration
    : declarationSpecifiers initDeclaratorList? ';'
    ;

declarationSpecifiers
    : declarationQualifier* typeSpecifier declarationQualifier* (primitiveType declarationQualifier*)*
    ;

// GCC's '__extension__' and function specifiers change nothing the analysis sees.
declarationQualifier
    : storage=('typedef' | 'extern' | 'static' | 'auto' | 'register' | ThreadLocal)
    | typeQualifier
    | Inline
    | Noreturn
    | attributeSpecifier
    | Extension
    ;

typeQualifier
    : Const
    | Volatile
    | Restrict
    ;

typeSpecifier
    : primitiveType            # primitiveTypeSpecifier
    | enumSpecifier            # enumTypeSpecifier
    | structOrUnionSpecifier   # structTypeSpecifier
    | Identifier               # typedefNameSpecifier
    | Typeof '(' balancedToken* ')' # typeofSpecifier
    ;

primitiveType
    : 'void'
    | 'char'
    | 'short'
    | 'int'
    | 'long'
    | 'float'
    | 'double'
    | Signed
    | 'unsigned'
    | '_Bool'
    ;

enumSpecifier
    : 'enum' Identifier? '{' enumerator (',' enumerator)* ','? '}'
    | 'enum' Identifier
    ;

enumerator
    : Identifier ('=' expr)?
    ;

structOrUnionSpecifier
    : kind=('struct' | 'union') attributeSpecifier* (Identifier | Identifier? '{' balancedToken* '}')
    ;

initDeclaratorList
    : initDeclarator (',' initDeclarator)*
    ;

initDeclarator
    : declarator ('=' initializer)?
    ;

initializer
    : expr
    | '{' balancedToken* '}'
    ;

// GCC: an assembler name ('__asm__("name")') and attributes may follow a declarator.
declarator
    : pointer? directDeclarator (asmLabel | attributeSpecifier)*
    ;

asmLabel
    : Asm '(' StringLiteral+ ')'
    ;

pointer
    : ('*' (typeQualifier | attributeSpecifier)*)+
    ;

directDeclarator
    : Identifier                                           # namedDeclarator
    | '(' declarator ')'                                   # parenthesizedDeclarator
    | directDeclarator '[' expression? ']'                 # arrayDeclarator
    | directDeclarator '(' parameterList? ')'              # functionDeclarator
    ;

parameterList
    : parameterDeclaration (',' parameterDeclaration)* (',' ellipsis='...')?
    ;

parameterDeclaration
    : declarationSpecifiers declarator
    | declarationSpecifiers abstractDeclarator?
    ;

abstractDeclarator
    : pointer
    | pointer? '[' expression? ']'
    ;

typeName
    : declarationSpecifiers abstractDeclarator?
    ;

attributeSpecifier
    : Attribute '(' '(' balancedToken* ')' ')'
    ;

// Any token sequence with balanced brackets: the contents of attributes and of initializers/struct bodies,
// which are only skipped or rejected.
balancedToken
    : '(' balancedToken* ')'
    | '[' balancedToken* ']'
    | '{' balancedToken* '}'
    | ~('(' | ')' | '[' | ']' | '{' | '}')
    ;

// ---------------------------------------------------------------- statements

compoundStatement
    : '{' blockItem* '}'
    ;

// A statement comes first so that ambiguous input such as 'f(x);' reads as a call, not as a declaration of x.
blockItem
    : statement
    | declaration
    | DirectiveLine
    ;

statement
    : Identifier ':' statement                                                   # labeledStatement
    | 'case' expression ':' statement                                            # caseStatement
    | 'default' ':' statement                                                    # defaultStatement
    | compoundStatement                                                          # blockStatement
    | expression? ';'                                                            # expressionStatement
    | 'if' '(' expression ')' statement ('else' elseBranch=statement)?           # ifStatement
    | 'switch' '(' expression ')' statement                                      # switchStatement
    | 'while' '(' expression ')' statement                                       # whileStatement
    | 'do' statement 'while' '(' expression ')' ';'                              # doWhileStatement
    | 'for' '(' forInit ';' condition=expression? ';' step=expression? ')' statement # forStatement
    | 'goto' Identifier ';'                                                      # gotoStatement
    | 'continue' ';'                                                             # continueStatement
    | 'break' ';'                                                                # breakStatement
    | 'return' expression? ';'                                                   # returnStatement
    | Asm (Volatile | Inline | 'goto')* '(' balancedToken* ')' ';'              # asmStatement
    ;

// The declaration alternative has no ';' of its own: the for statement supplies it.
forInit
    : declarationSpecifiers initDeclaratorList
    | expression?
    ;

// ---------------------------------------------------------------- expressions

argumentList
    : expr (',' expr)*
    ;

// A full expression, where C allows the comma operator (which the converter mostly rejects).
expression
    : expr (',' expr)*
    ;

// An assignment expression: everything but the comma operator.
expr
    : primaryExpression                                                   # primary
    | callee=expr '(' argumentList? ')'                                   # call
    | expr '[' expression ']'                                             # subscript
    | expr op=('.' | '->') Identifier                                     # memberAccess
    | expr op=('++' | '--')                                               # postfixIncrement
    | op=('++' | '--') expr                                               # prefixIncrement
    | '(' typeName ')' expr                                               # cast
    | op=('+' | '-' | '!' | '~' | '*' | '&') expr                         # unary
    | Extension expr                                                      # extensionExpression
    | 'sizeof' '(' typeName ')'                                           # sizeofType
    | 'sizeof' expr                                                       # sizeofExpression
    | Alignof '(' typeName ')'                                            # alignofType
    | left=expr op=('*' | '/' | '%') right=expr                           # multiplicative
    | left=expr op=('+' | '-') right=expr                                 # additive
    | left=expr op=('<<' | '>>') right=expr                               # shift
    | left=expr op=('<' | '<=' | '>' | '>=') right=expr                   # relational
    | left=expr op=('==' | '!=') right=expr                               # equality
    | left=expr op='&' right=expr                                         # bitwiseAnd
    | left=expr op='^' right=expr                                         # bitwiseXor
    | left=expr op='|' right=expr                                         # bitwiseOr
    | left=expr op='&&' right=expr                                        # logicalAnd
    | left=expr op='||' right=expr                                        # logicalOr
    | <assoc = right> condition=expr '?' thenValue=expression ':' elseValue=expr # conditional
    | <assoc = right> target=expr assignmentOperator value=expr           # assignment
    ;

assignmentOperator
    : '='
    | '*='
    | '/='
    | '%='
    | '+='
    | '-='
    | '<<='
    | '>>='
    | '&='
    | '^='
    | '|='
    ;

primaryExpression
    : Identifier                   # identifier
    | IntegerConstant              # integerConstant
    | FloatingConstant             # floatingConstant
    | CharacterConstant            # characterConstant
    | StringLiteral+               # stringLiteral
    | '(' expression ')'           # parenthesized
    | '(' compoundStatement ')'    # statementExpression
    ;

// ---------------------------------------------------------------- lexer

Auto : 'auto';
Break : 'break';
Case : 'case';
Char : 'char';
Const : 'const' | '__const' | '__const__';
Continue : 'continue';
Default : 'default';
Do : 'do';
Double : 'double';
Else : 'else';
Enum : 'enum';
Extern : 'extern';
Float : 'float';
For : 'for';
Goto : 'goto';
If : 'if';
Inline : 'inline' | '__inline' | '__inline__';
Int : 'int';
Long : 'long';
Register : 'register';
Restrict : 'restrict' | '__restrict' | '__restrict__';
Return : 'return';
Short : 'short';
Signed : 'signed' | '__signed' | '__signed__';
Sizeof : 'sizeof';
Alignof : '_Alignof' | '__alignof' | '__alignof__';
Static : 'static';
Struct : 'struct';
Switch : 'switch';
Typedef : 'typedef';
Union : 'union';
Unsigned : 'unsigned';
Void : 'void';
Volatile : 'volatile' | '__volatile' | '__volatile__';
While : 'while';
Bool : '_Bool';
Attribute : '__attribute__' | '__attribute';
Extension : '__extension__';
Asm : '__asm__' | '__asm';
Typeof : '__typeof__' | '__typeof';
Noreturn : '_Noreturn';
ThreadLocal : '_Thread_local' | '__thread';

Identifier
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

// Decimal, octal and hexadecimal integers with an optional u/l/ll suffix in either order.
IntegerConstant
    : ( [1-9] [0-9]* | '0' [0-7]* | '0' [xX] [0-9a-fA-F]+ ) IntegerSuffix?
    ;

fragment IntegerSuffix
    : [uU] ('l' | 'L' | 'll' | 'LL')?
    | ('l' | 'L' | 'll' | 'LL') [uU]?
    ;

FloatingConstant
    : ( [0-9]+ '.' [0-9]* | '.' [0-9]+ ) ([eE] [+-]? [0-9]+)? [fFlL]?
    | [0-9]+ [eE] [+-]? [0-9]+ [fFlL]?
    ;

CharacterConstant
    : '\'' ( ~['\\\r\n] | '\\' ~[\r\n] )+ '\''
    ;

StringLiteral
    : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"'
    ;

// A line marker of preprocessed text ('# 12 "file.c" 1', '#line 12'), which may stand inside an expression: the
// frontend reads the markers from the text itself (LineMap), the parser never sees them.
LineMarker
    : '#' [ \t]* ('line' [ \t]+)? [0-9] ~[\r\n]* -> channel(HIDDEN)
    ;

// A whole preprocessor line, backslash continuations included; the converter interprets it.
DirectiveLine
    : '#' ( ~[\\\r\n] | '\\' '\r'? '\n' | '\\' )*
    ;

Ellipsis : '...';

LeftParen : '(';
RightParen : ')';
LeftBracket : '[';
RightBracket : ']';
LeftBrace : '{';
RightBrace : '}';

BlockComment
    : '/*' .*? '*/' -> skip
    ;

LineComment
    : '//' ~[\r\n]* -> skip
    ;

Whitespace
    : [ \t\r\n\f\u000B]+ -> skip
    ;
