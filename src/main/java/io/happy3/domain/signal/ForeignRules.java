package io.happy3.domain.signal;

import java.util.List;

/**
 * German and Spanish matchers, written for Happy3's Slack and Teams support threads: the common ways to say "works
 * now", "still the same", "we rolled it back, try again" and "we will get back to you". Patterns run on text normalised
 * by {@link TextNormalizer} (lower case; accented letters kept). Thanks in these languages are in the English
 * gratitude rule.
 */
final class ForeignRules {
    private static final String NEGATION = "\\b(?:nicht|kein|keine|noch nicht|no|todavía|aún|aun|sigue|siguen|nada|"
            + "hoffentlich|ojalá|ojala|espero|esperemos|sollte|debería|deberia)\\b";

    static final List<Rule> RULES = List.of(
            Rule.vetoed("builtin:confirm.de-es", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:funktioniert|geht|klappt|läuft|lädt) (?:es |jetzt |wieder |nun |alles |auch |bei (?:mir|uns) )*"
                            + "(?:wieder|jetzt|einwandfrei|problemlos)\\b|\\b(?:ist|sind) (?:jetzt |nun |wieder )?"
                            + "(?:behoben|gelöst|erledigt|da|angekommen|korrekt|richtig)\\b|\\bhat (?:jetzt |wieder )?(?:geklappt|funktioniert)\\b"
                            + "|\\bpasst (?:jetzt|wieder)\\b|\\bya se arregl(?:ó|o)\\b|\\bya (?:me |nos )?(?:funciona|anda|carga|llegó|llego|llegan|llega|aparece|"
                            + "está|esta|quedó|quedo)\\b|\\bfunciona (?:ya|ahora|de nuevo|otra vez|bien|perfecto)\\b|"
                            + "\\b(?:me |nos )?funcionó\\b|\\b(?:está|esta|quedó|quedo) (?:resuelto|solucionado|arreglado)\\b"
                            + "|\\btodo (?:bien|ok|correcto|en orden)\\b|\\b(?:llegan|llega|carga|cargan|funcionan|anda|va|"
                            + "sincroniza) (?:otra vez|de nuevo|perfecto|bien|ya)\\b|\\bya va\\b|\\b(?:ist|sind|hat|haben) "
                            + "(?:\\S+ )?(?:durchgelaufen|angekommen|wieder da)\\b|\\b(?:kommen|kommt|läuft|laufen|lädt|laden) "
                            + "(?:jetzt |wieder )+(?:an|durch)\\b|\\balles (?:wieder )?(?:gut|in ordnung|okay|ok)\\b|"
                            + "\\bsin (?:problemas|errores)\\b|\\bya (?:podemos|puedo|pudimos|pude) \\w+|"
                            + "\\bya no sale (?:el )?error\\b|^(?:los |las |el |la )?\\S+ (?:llegan|llega|cargan|carga|funcionan|funciona)$|\\b(?:bei mir|bei uns) (?:geht|funktioniert|klappt|läuft)\\b",
                    NEGATION, Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.of("builtin:still.de-es", Signal.STILL_BROKEN,
                    "\\b(?:immer noch|noch immer|weiterhin|nach wie vor|schon wieder|leider nicht|wieder kaputt|wieder nicht)\\b|"
                            + "\\btritt (?:\\S+ ){0,3}?wieder auf\\b|\\b(?:fehler|problem) (?:ist|sind) wieder da\\b|"
                            + "\\bsiguen (?:sin|fallando|igual|dando|apareciendo|vacíos|vacías|mal|rotos)\\b|"
                            + "\\bpero (?:duplicad\\S*|vací\\S*|mal|incomplet\\S*)(?![\\p{L}])|\\b(?:intenté|probé|hice)(?: \\S+){0,4} y nada\\b|"
                            + "\\b(?:genau )?das gleiche\\b|\\bdasselbe\\b|\\b(?:gleiche|selbe) problem\\b|"
                            + "\\b(?:volvió|volvio|vuelve|ha vuelto) a (?:fallar|caer|pasar|aparecer)\\b|\\bseguimos sin\\b|\\b(?:gleicher|selber|derselbe|"
                            + "gleiche|selbe) fehler\\b|\\bkeine (?:änderung|veränderung)\\b|\\bhat nicht (?:geholfen|geklappt|"
                            + "funktioniert)\\b|\\bhilft nicht\\b|\\bsigue (?:sin|fallando|igual|dando|caído|caido|mostrando|"
                            + "apareciendo|el mismo|con el mismo|sin funcionar)\\b|\\b(?:todavía|aún|aun) (?:no|nada|sin|falla|"
                            + "da)\\b|\\b(?:el )?mismo error\\b|\\bno (?:ha )?cambi[oó] nada\\b|\\bno (?:funcionó|funciono|"
                            + "sirvió|sirvio|ha funcionado)\\b|\\botra vez (?:falla|el mismo|lo mismo|caído|caido)\\b",
                    Rule.Guard.NOT_CONDITIONAL, Rule.Guard.NOT_QUESTION),
            Rule.vetoed("builtin:resolve.de-es", Signal.RESOLUTION_PROPOSED,
                    "\\b(?:habe|haben|hab) (?:\\S+ ){0,4}?(?:zurückgesetzt|zurückgerollt|zurückgenommen|behoben|korrigiert|"
                            + "neu gestartet|neugestartet|freigeschaltet|erhöht|aktualisiert|eingespielt|ausgerollt|"
                            + "erstattet|gutgeschrieben|entsperrt|gefixt|deployed)\\b|\\bsollte (?:jetzt |nun |wieder )+"
                            + "(?:gehen|funktionieren|klappen|laufen|passen)\\b|\\b(?:ist|wurde) (?:jetzt |nun )?(?:behoben|"
                            + "gefixt|korrigiert)\\b|\\b(?:hemos|he|ya) (?:\\S+ ){0,3}?(?:reiniciado|corregido|restablecido|"
                            + "revertido|solucionado|arreglado|desbloqueado|reembolsado|aumentado|actualizado|desplegado|"
                            + "reenviado|aplicado)\\b|\\b(?:ya )?(?:debería|deberia) (?:funcionar|estar|andar)\\b|"
                            + "\\b(?:wurde|wurden|ist|sind) (?:\\S+ ){0,2}?(?:ausgestellt|storniert|erstattet|gutgeschrieben|"
                            + "zurückgesetzt|wiederhergestellt|freigeschaltet|eingespielt)\\b|\\b(?:habe|haben|hab) (?:\\S+ ){0,4}?"
                            + "(?:storniert|wiederhergestellt|ausgestellt)\\b|\\b(?:ya )?(?:está|esta|fue|ha sido|han sido) "
                            + "(?:emitido|emitida|procesado|procesada|reembolsado|aplicado|aplicada|enviado|enviada|corregido|"
                            + "corregida|resuelto|solucionado|arreglado|restablecido)\\b|\\b(?:restablecimos|reiniciamos|corregimos|"
                            + "revertimos|aplicamos|desbloqueamos|reembolsamos|actualizamos|reenviamos|arreglamos|solucionamos|"
                            + "regeneramos|renovamos|cambiamos|ajustamos|anulamos|reemitimos|quitamos|eliminamos)\\b|"
                            + "\\b(?:ya )?(?:fue|ha sido) (?:anulad[oa]|cancelad[oa]|devuelt[oa])\\b|\\bqued(?:ó|o) (?:corregid[oa]|resuelt[oa]|arreglad[oa]|solucionad[oa])\\b|"
                            + "\\b(?:fix|patch|korrektur|hotfix) ist (?:jetzt |nun )?live\\b|\\b(?:habe|haben|hab) (?:\\S+ ){0,4}?"
                            + "(?:neu erzeugt|neu generiert|erneuert|ersetzt|bereinigt|neu angestoßen|angestoßen|nachgeholt)(?![\\p{L}])",
                    "\\b(?:wenn|sobald|falls|si|cuando|morgen|mañana)\\b", Rule.Guard.NOT_QUESTION),
            Rule.vetoed("builtin:promise.de-es", Signal.PROMISE_MADE,
                    "\\b(?:ich|wir) (?:melde|melden) (?:mich|uns)\\b|\\bmelde mich\\b|\\bbin dran\\b|\\b(?:ich|wir) (?:kümmere|kümmern) (?:mich|uns)\\b|"
                            + "\\b(?:ich|wir) (?:schaue|schauen|prüfe|prüfen|checke|checken) (?:mir |uns )?(?:das|es|gleich|"
                            + "sofort|nach)\\b|\\bsind (?:dran|daran)\\b|\\b(?:te|le|les|os) (?:aviso|avisamos|escribo|"
                            + "escribimos|contacto|contactamos|mantengo|mantenemos|informo|informamos|confirmo|confirmamos|cuento)\\b|\\b(?:lo|la) "
                            + "(?:reviso|revisamos|miro|miramos)\\b|\\b(?:estoy|estamos) (?:revisando|trabajando|investigando|"
                            + "mirando)\\b|\\b(?:voy|vamos) a (?:revisar|mirar|investigar|escalar|contactar)\\b",
                    "\\b(?:si|wenn|falls|sobald|pásame|pasame|mándame|mandame|envíame|enviame|schick\\w*)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_AFTER_REQUEST));

    private ForeignRules() {
    }
}
