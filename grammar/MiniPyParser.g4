// Parser grammar of the mini-Python subset read by Terminator (tokens: MiniPyLexer.g4).
//
// Like MiniC.g4, it accepts more than the supported subset (classes, lambdas, strings, lists, dicts, subscripts,
// attributes, imports, try, with, floats, '**', bitwise operators, keyword arguments, ...) so that the converter can
// reject those with "unsupported: ..." at their exact position instead of a bare syntax error.
// NEWLINE, INDENT and DEDENT come from MiniPyLexerBase (Terminator.Frontend/Python), which tracks indentation,
// drops blank and comment-only lines and joins lines inside brackets.
parser grammar MiniPyParser;

options { tokenVocab = MiniPyLexer; }

// ---------------------------------------------------------------- module

fileInput
    : (NEWLINE | stmt)* EOF
    ;

stmt
    : simpleStmts
    | compoundStmt
    ;

simpleStmts
    : simpleStmt (';' simpleStmt)* ';'? NEWLINE
    ;

simpleStmt
    : exprStmt                                                     # expressionStatement
    | 'pass'                                                       # passStatement
    | 'break'                                                      # breakStatement
    | 'continue'                                                   # continueStatement
    | 'return' testList?                                           # returnStatement
    | 'raise' test? ('from' test)?                                 # raiseStatement
    | 'assert' test (',' test)?                                    # assertStatement
    | 'import' dottedName ('as' NAME)? (',' dottedName ('as' NAME)?)*   # importStatement
    | 'from' dottedName 'import' ('*' | '(' importNames ')' | importNames) # fromImportStatement
    | kind=('global' | 'nonlocal') NAME (',' NAME)*                # globalStatement
    | 'del' testList                                               # delStatement
    | 'yield' 'from'? testList?                                    # yieldStatement
    ;

exprStmt
    : testList (augAssign testList | ('=' testList)+ | ':' annotation=test ('=' testList)?)?
    ;

augAssign
    : '+=' | '-=' | '*=' | '/=' | '//=' | '%=' | '**=' | '@=' | '&=' | '|=' | '^=' | '<<=' | '>>='
    ;

dottedName
    : NAME ('.' NAME)*
    ;

importNames
    : NAME ('as' NAME)? (',' NAME ('as' NAME)?)* ','?
    ;

compoundStmt
    : 'if' test ':' block elifClause* elseClause?                   # ifStatement
    | 'while' test ':' block elseClause?                           # whileStatement
    | 'for' testList 'in' testList ':' block elseClause?           # forStatement
    | decorator* 'def' NAME '(' parameters? ')' ('->' test)? ':' block # functionDefinition
    | decorator* 'class' NAME ('(' arguments? ')')? ':' block     # classDefinition
    | 'with' test ('as' test)? (',' test ('as' test)?)* ':' block  # withStatement
    | 'try' ':' block exceptClause* elseClause? ('finally' ':' block)? # tryStatement
    ;

elifClause
    : 'elif' test ':' block
    ;

elseClause
    : 'else' ':' block
    ;

exceptClause
    : 'except' (test ('as' NAME)?)? ':' block
    ;

decorator
    : '@' test NEWLINE
    ;

block
    : simpleStmts
    | NEWLINE INDENT stmt+ DEDENT
    ;

parameters
    : parameter (',' parameter)* ','?
    ;

parameter
    : star=('*' | '**')? NAME (':' test)? ('=' test)?
    | star='*'
    | slash='/'
    ;

// ---------------------------------------------------------------- expressions

testList
    : test (',' test)* trailingComma=','?
    ;

test
    : orTest ('if' orTest 'else' test)?                            # conditionalTest
    | 'lambda' parameters? ':' test                                # lambdaTest
    ;

orTest
    : andTest ('or' andTest)*
    ;

andTest
    : notTest ('and' notTest)*
    ;

notTest
    : 'not' notTest                                                # notExpression
    | comparison                                                   # comparisonExpression
    ;

comparison
    : expr (compOp expr)*
    ;

compOp
    : '<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not' 'in' | 'is' | 'is' 'not'
    ;

expr
    : factor                                                       # factorExpression
    | expr op=('*' | '/' | '//' | '%' | '@') expr                  # multiplicativeExpression
    | expr op=('+' | '-') expr                                     # additiveExpression
    | expr op=('<<' | '>>') expr                                   # shiftExpression
    | expr op='&' expr                                             # bitAndExpression
    | expr op='^' expr                                             # bitXorExpression
    | expr op='|' expr                                             # bitOrExpression
    ;

factor
    : op=('+' | '-' | '~') factor                                  # unaryFactor
    | atomExpr ('**' factor)?                                      # powerFactor
    ;

atomExpr
    : atom trailer*
    ;

trailer
    : '(' arguments? ')'                                           # callTrailer
    | '[' testList? ']'                                            # subscriptTrailer
    | '.' NAME                                                     # attributeTrailer
    ;

arguments
    : argument (',' argument)* ','?
    ;

argument
    : NAME '=' test                                                # keywordArgument
    | star=('*' | '**') test                                       # starArgument
    | test                                                         # positionalArgument
    ;

atom
    : '(' testList? ')'                                            # parenAtom
    | '(' 'yield' testList? ')'                                    # yieldAtom
    | '[' testList? ']'                                            # listAtom
    | '{' dictItems? '}'                                           # dictOrSetAtom
    | NAME                                                         # nameAtom
    | INTEGER                                                      # integerAtom
    | FLOAT                                                        # floatAtom
    | STRING+                                                      # stringAtom
    | 'True'                                                       # trueAtom
    | 'False'                                                      # falseAtom
    | 'None'                                                       # noneAtom
    | '...'                                                        # ellipsisAtom
    ;

dictItems
    : test (':' test)? (',' test (':' test)?)* ','?
    ;
