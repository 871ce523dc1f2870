package io.happy3.domain.signal;


import java.util.List;

/**
 * The built-in English matchers, one list per signal. Patterns run on text normalised by {@link TextNormalizer}:
 * lower case, contractions expanded ("doesn't" is "does not"), no links, mentions or emoji.
 */
final class BuiltInRules {
    private static final String SUBJECT = "(?:it|that|this|everything|all|app|site|phone|service|internet|wifi|"
            + "connection|account|card|order|they|both|which|things|issue|problem|mine)";
    private static final String TROUBLE = "(?:not|no|never|nothing|can not|unable|broken|down|waiting|the same|same|"
            + "an issue|a problem|happening|fail\\w*|crash\\w*|stuck|locked|charg\\w*|says|showing|shows|getting|"
            + "having|coming up|slow|sl+o+w+|wrong|missing|off|gone|on hold|receiving|freez\\w*|frozen|no dice|"
            + "persist\\w*|remains|issues?|problems?|errors?|loading|buffering|lagging|dropping|disconnect\\w*|"
            + "haven?t|hasnt|cant|doesnt|dont|wont|wasnt|isnt|without|pending|delayed|late|out of|useless|returns?|"
            + "throws?|\\d{3}s|rejected|seeing (?:it|this|that|them|the)|pil\\w* up|expired|locked out|gets?|sees?|hits?|"
            + "gr[ae]yed out|disabled)";
    static final String FIX_STEP = "restart\\w*|reboot\\w*|reset\\w*|reinstall\\w*|re install\\w*|"
            + "uninstall\\w*|updat\\w*|clear\\w*|power cycl\\w*|power(?:ing)? down|log(?:ging)? out|"
            + "sign(?:ing)? out|unplug\\w*|delet\\w*|turn(?:ing)? (?:it )?off|disabl\\w*|enabl\\w*|"
            + "force (?:quit|clos\\w*)|back(?:ing)? ?up|hard reset|clean install|re ?add\\w*|remov\\w*|"
            + "cancel+(?:ing)? the download|connect\\w* via|regenerat\\w*|rotat\\w*|re ?sav\\w*|re ?authori[sz]\\w*|"
            + "reconnect\\w*|re connect\\w*";
    private static final String CONTACTED = "called|phoned|rang|contacted|emailed|e mailed|mailed|messaged|tweeted|dm\\w*|"
            + "chased|reported|complained|spoke|spoken|talked|chatted|reached out|wrote";
    private static final String MANY = "(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|"
            + "so many|countless|a dozen|dozens of)";
    private static final String GLAD =
            "\\b(?:glad|happy|great|good|pleased|nice|awesome) to (?:hear|see|know|learn)\\b|\\bglad\\b";
    private static final String REQUEST_BEFORE = "\\b(?:if|once|when you|after you|(?<!your |the |got |a )dms?|send us|send me|send over|send through|paste|attach|reach out|"
            + "contact us|let us know|let me know|follow us|follow and|provide|share|please|pls|via|through|call us|"
            + "message us|give us|tweet us|drop us|write to us)\\b";

    // "happy to dig into it for you", "we'll pass your feedback on": offers and passed-on feedback (SIGNALS.md)
    private static final String OFFER = "\\b(?:happy|glad|pleased|more than happy) to\\b|\\b(?:feedback|suggestions?|comments|feature requests?)\\b|"
            + "\\b(?:share|pass|forward) (?:it|this|that)(?: on)? (?:with|to) (?:the |our )?product\\b"
            + "|\\bfeed (?:this|it|that) back\\b";
    private static final String PAST_FIX = "rolled back|reverted|restarted|redeployed|re deployed|deployed|re ?provisioned|"
            + "bumped|raised (?:the|your)|increased|lifted|extended|cleared|flushed|purged|rotated|regenerated|re ?synced|"
            + "re ?ran|reprocessed|replayed|re ?sent|re ?triggered|whitelisted|allowlisted|re ?enabled|unblocked|"
            + "upgraded|migrated|shipped|adjusted|corrected|fixed|patched|reset|restored|renewed|re ?issued|refunded|"
            + "credited|voided|re ?indexed|rebuilt|re ?created|re ?configured|reconfigured|toggled|unlocked|"
            + "re ?activated|reinstated|remapped|re ?mapped|re ?linked|re ?connected|re ?attached|merged the fix|"
            + "pushed (?:a|the) fix|applied (?:a|the)|removed (?:the|your|that|those|a)|granted|re ?added|moved (?:your|the)|"
            + "replaced|merged|voided|swapped|renewed|mapped|cleaned up|pushed (?:a|the) (?:config )?(?:change|update|patch)|"
            + "drained|re ?generated|fixed up|sorted out|re ?imported|invalidated|killed|terminated|re ?queued|re ?verified|"
            + "turned (?:the \\w+ |it )?off|updated (?:it|them|the|your)";
    private static final String DONE_PASSIVE = "reverted|replayed|re ?issued|voided|replaced|merged|re ?sent|cleared|issued|"
            + "applied|refunded|credited|restored|rolled back|redeployed|reprocessed|re ?processed|corrected|patched|"
            + "reset|unblocked|unlocked|lifted|increased|extended|re ?enabled|reactivated|removed|deleted|regenerated|"
            + "rotated|whitelisted|allowlisted|re ?synced|in place|re ?provisioned|re ?run|re ?triggered|released|renewed|"
            + "re ?mapped|mapped|fixed|updated|rebuilt|drained|delivered|cleaned up|purged|flushed|upgraded|migrated|filtered out|"
            + "blocked|lifted|re ?queued|re ?verified|invalidated|killed";

    static final List<Rule> RULES = List.of(
            // customer_confirmed
            Rule.vetoed("builtin:confirm.works-now", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:works?|working|worked) (?:now|again|fine now|perfectly now|great now|a treat)\\b|"
                            + "\\b(?:works?|working) for (?:\\w+ ){1,3}now\\b",
                    "\\bnot (?:\\w+ )?(?:work|working|works)\\b", Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.of("builtin:confirm.is-working", Signal.CUSTOMER_CONFIRMED,
                    "\\b" + SUBJECT + " (?:is|are|seems|seem|now) (?:now |all |finally |back |to be )*"
                            + "(?:working|up and running|running again|fine now|ok now|okay now|good now)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:confirm.that-worked", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:" + SUBJECT.substring(3, SUBJECT.length() - 1) + "|restarting|rebooting|reinstalling|"
                            + "resetting|updating|deleting|unplugging|clearing) (?:has |have |finally |totally |just )*"
                            + "(?:worked|did the trick|did it|fixed it|solved it|sorted it|resolved it|helped|"
                            + "fixed (?:the|my) (?:issue|problem)|fixed itself|sorted itself|resolved itself)\\b|"
                            + "\\b(?:restarting|rebooting|reinstalling|resetting|updating|deleting|unplugging|clearing)"
                            + "(?: \\w+){1,3} (?:worked|did the trick|fixed it|helped)\\b|"
                            + "^(?:it |that |this )?(?:worked|works)(?: perfectly| great| fine| a treat| now)?$|"
                            + "\\b(?:that|this) did (?:it|the trick)\\b|\\bworked like a charm\\b|\\bthat was it$|\\bworked this time\\b|\\b(?:steps|instructions|"
                            + "workaround|fix|suggestion|trick) (?:has |have |both )?(?:worked|helped|did it|did the trick)\\b",
                    "\\bworked (?:before|yesterday|earlier|fine until|until|last|previously|for an?|the first)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:confirm.fixed", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:it is|is|are|all|now|already|finally|got it|got that|been|everything is|problem|issue) "
                            + "(?:now |all |finally |been |already )*(?:fixed|sorted|resolved|solved|sorted out)\\b",
                    "\\b(?:be|get|getting|to be|will be|being) (?:fixed|sorted|resolved|solved)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.of("builtin:confirm.fixed-myself", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:i|we|i have|we have|finally|just) (?:finally |just |managed to |have )*"
                            + "(?:fixed|sorted|solved|resolved|figured out) "
                            + "(?:it|this|that|the (?:issue|problem)|it out|the problem out)\\b|"
                            + "\\bgot (?:it|this|that|everything) (?:to work|working|sorted|fixed|resolved)\\b|"
                            + "\\bmanaged to (?:fix|sort|get it|get in|log ?in|sign in|check ?out|get through)\\b|"
                            + "\\b(?:admin|colleague|it team|ops team|someone) (?:\\w+ )?(?:fixed|sorted|resolved|solved) (?:it|this|that)\\b|"
                            + "\\bsorted it (?:out )?(?:via|through|with|over)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.of("builtin:confirm.received", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:i|we|i have|we have|just|finally|have) (?:just |finally |now |already )*(?:got|received|recieved|"
                            + "gotten) (?:it|them|my (?:package|order|parcel|refund|money|delivery|item|card|code|"
                            + "replacement|bag|luggage|receipt|tickets?)|the (?:package|order|parcel|refund|money|email|"
                            + "code|replacement|bag|luggage))\\b|"
                            + "\\b(?:package|order|parcel|delivery|refund|it|bag|luggage|replacement) (?:has |have |"
                            + "just |finally |now )*(?:arrived|came|come through|came through|got here|been delivered|"
                            + "showed up|turned up|been found)\\b|"
                            + "\\b(?:item|phone|bag|luggage|wallet|it|package|parcel|order|laptop|keys|card|suitcase|tablet|watch) "
                            + "(?:has been |have been |was |were |got |is )?(?:finally |now )?recovered\\b|"
                            + "\\b(?:was|were|got|been|it) delivered (?:just |all )?(?:fine|safely|ok|okay|in the end|eventually|"
                            + "after all|on time)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:confirm.all-good", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:all|everything) (?:is )?(?:good|set|sorted|fine|ok|okay)(?: now)?\\b|"
                            + "\\b(?:it is|they are|is|are|everything|everything is) (?:now )?back(?: up| online| on| in|"
                            + " to normal| working)?(?: now| again)?(?=$| and| thanks| thank)|"
                            + "\\b(?:i )?(?:can )?see (?:it|them) now\\b|\\bshowing (?:up )?now\\b|"
                            + "\\bproblem solved\\b|\\bissue resolved\\b|\\bback in business\\b|"
                            + "\\bstill (?:working|works|running) (?:fine|great|well|perfectly|smoothly|as expected)\\b|"
                            + "\\b(?:all|everything|it) (?:is )?still (?:good|fine|working)\\b|\\b(?:all )?there now\\b|"
                            + "\\bstill (?:stable|healthy|green)\\b|\\b(?:green again|all green)\\b|"
                            + "\\bsee (?:the|our|all (?:the )?) ?\\w+ now\\b|^got the (?:refund|credit|credit note|corrected \\w+|"
                            + "replacement|money|email|code)\\b|\\bnow (?:it is|everything is|all is) (?:fine|good|ok|okay|working)\\b|"
                            + "\\bseems? (?:to be )?(?:fixed|resolved|sorted)\\b|\\bfinally (?:am |are |is )?back (?:on|in|online|up)\\b|\\brefund(?:s| is) in (?:our|my) account\\b",
                    "\\b(?:\\d{3}s?|errors?|issues?|problems?|bugs?|outages?|crash\\w*|duplicates|timeouts?) (?:is |are )?back\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),

            Rule.vetoed("builtin:confirm.trouble-gone", Signal.CUSTOMER_CONFIRMED,
                    "\\bno longer (?:\\w+ )?(?:fail\\w*|broken|crash\\w*|error\\w*|getting|seeing|an issue|a problem|"
                            + "happening|timing out|stuck|spinning|blank|empty|down|missing|duplicat\\w*|lagging|slow|"
                            + "dropping|throwing|returning|locked|rate limit\\w*|throttl\\w*|bouncing|looping)|"
                            + "\\b(?:not|never) (?:\\w+ ){0,2}?(?:fail\\w*|crash\\w*|erroring|happening|timing out|dropping|"
                            + "throwing|getting (?:the|that|any|those))(?: \\w+){0,4}? (?:anymore|any more|since)\\b|"
                            + "\\b(?:errors?|issue|problem|\\d{3}s?|timeouts?|duplicates|spinner|loop|warnings?|failures|alerts?|alarms?) "
                            + "(?:is |are |has |have |seem |seems )?(?:all )?(?:gone|stopped|disappeared|went away|cleared)\\b|"
                            + "\\bno more (?:errors?|\\d{3}s?|timeouts?|duplicates|issues?|problems?|failures|crashes)\\b|"
                            + "\\bno (?:errors?|issues?|\\d{3}s?|timeouts?|failures|duplicates) (?:anymore|any more)\\b|"
                            + "^nothing (?:since|so far)\\b|\\bno sign of (?:any |the )?(?:errors?|issues?|problems?|trouble|bugs?|outages?|"
                            + "crash\\w*)(?: \\w+){0,3}? since\\b|\\bno (?:complaints|issues|problems|errors|incidents) since\\b|"
                            + "\\b(?:have|has) not (?:seen|had|gotten|got|hit) (?:it|that|the \\w+|any \\w+|a single \\w+|one|an? "
                            + "\\w+)(?: \\w+){0,3}? since\\b|\\bkeine? (?:fehler|probleme|abbrüche|timeouts|duplikate) mehr\\b|"
                            + "\\bya no (?:falla|fallan|da error|hay errores|aparece el error|se duplica)\\b",
                    "\\bif\\b|\\bwill\\b|\\bstill\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:confirm.runs-again", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:arriv\\w*|flow\\w*|load\\w*|render\\w*|sync\\w*|runs|running|ran|finish\\w*|go(?:es)? through|"
                            + "went through|connect\\w*|pass\\w*|succeed\\w*|deliver\\w*|show(?:s|ing)? up|post\\w*|"
                            + "import\\w*|export\\w*|upload\\w*|log(?:ged|s)? in|sign(?:ed|s)? in|work\\w*|back|submit\\w*|come through|"
                            + "comes through|coming through) (?:\\w+ ){0,2}?"
                            + "(?:again|now|smoothly|correctly|properly|perfectly|as expected|in \\d+ (?:seconds|minutes|s|min))\\b|"
                            + "\\b(?:has |have |just |finally )?(?:arrived|landed|came through)\\b|\\b(?:fine|correctly|properly|"
                            + "normally) (?:now|again)\\b|\\b(?:sees?|see|has|have) (?:the|our|my) (?:refund|credit note|"
                            + "corrected \\w+|money)(?: too| now| as well)?$|\\bhave (?:our|my|the) \\w+ back\\b|^back to normal\\b|"
                            + "\\blooks? (?:fixed|good now|"
                            + "correct now|right now|fine now)\\b|\\b(?:is|are) (?:correct|right|here) now\\b|"
                            + "^(?:\\w+ )?(?:can confirm|confirmed|confirming)$|^(?:the )?(?:\\w+ )?(?:sync|export|job|import|"
                            + "upload|backup|deploy|run) (?:ran|finished|completed|went through)$|^(?:the|our|my) \\w+ (?:load|loads|open|opens|"
                            + "render|renders|sync|syncs|submit|submits)$",
                    "\\b(?:if|when|once|until|should|will|hope\\w*|not yet|supposed|ugh|(?:third|fourth|fifth) time)\\b|"
                            + "^(?:the|our|your) (?:\\w+ )?(?:sync|export|import|upload|post|job|api|dashboard|sso)\\w*(?: job)? again$",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:confirm.for-me-too", Signal.CUSTOMER_CONFIRMED,
                    "\\b(?:works?|working|worked|fine|fixed|resolved|sorted|good) (?:now |again |fine |too )*(?:for me|for us|"
                            + "on (?:my|our) (?:side|end|machine|laptop|phone|account)|over here|on mine|for (?:the )?(?:team|everyone|all of us))"
                            + "(?: too| as well| also| now)?\\b|\\b(?:same here|me too|can confirm|confirmed|confirming)"
                            + "(?: \\w+){0,3}? (?:works?|working|fixed|fine|good|resolved)\\b",
                    "\\b(?:fail\\w*|error|broken|still)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),

            // still_broken
            Rule.vetoed("builtin:still.came-back", Signal.STILL_BROKEN,
                    "\\b(?:errors?|\\d{3}s?|problem|issue|duplicates|it|outages?|timeouts?|bug|crash(?:es)?|spinner|loop) "
                            + "(?:is |are |has |have )?(?:back|came back|come back|returned|continues?|continuing|persists?|"
                            + "persisting|remains?)\\b|\\bback to (?:\\d{3}|the same|square one|errors?|failing)\\b|"
                            + "\\b(?:broke|failed|stopped|died|crashed) again\\b|\\bnot for (?:me|us)\\b|"
                            + "\\b(?:\\w+ )?more (?:outages|errors|failures|timeouts|crashes)\\b|"
                            + "\\b(?:but|though|however|except|only) (?:the |our |my )?(?:\\w+ ){0,2}(?:is|are) (?:still )?(?:wrong|off|incorrect|missing|empty|"
                            + "broken|failing)\\b|"
                            + "\\bstill (?:spinning|empty|there|blank|misses|missing|timing out|erroring|returning|throwing|"
                            + "stuck|looping|bouncing|duplicat\\w*|wrong|off|down|the same)\\b",
                    "\\b(?:if|when|once|unless|glad|great to|good to|happy)\\b", Rule.Guard.NOT_QUESTION),
            Rule.vetoed("builtin:still.tried", Signal.STILL_BROKEN,
                    "\\b(?:to no avail|no avail|already tried|(?:i|we) (?:have |had )?(?:already )?tried (?:\\w+ ){0,3}?"
                            + "(?:everything|all day|twice|again|several|multiple|both|every)|no (?:response|reply|answer|"
                            + "one (?:answers|responds|responded|replied|has|is able|can|seems|picks|is responding|is answering|is replying|"
                            + "got back|gets back|helped|will help))|nobody (?:answers|"
                            + "responds|responded|replied|helps|can|is able|seems|has|will)|heard (?:nothing|zero|nothing back)|(?:did|have|"
                            + "has) not (?:heard|received|gotten|got) (?:anything|a thing|a reply|a response|an answer|any)|"
                            + "nothing happened|(?:can not|unable to|not able to) (?:dm|reach|get through|get hold|contact)|"
                            + "(?:am|are|is|was|were) not (?:\\w+ )?(?:rec(?:ei|ie)ving|getting) (?:anything|any|a thing)|"
                            + "(?:did|have|has) not (?:receive|get) (?:any|a|the)|(?:told|said|promised|claimed) (?:\\S+ ){0,4}?"
                            + "(?:fixed|resolved|sorted|working) but|(?:link|email|code|page|steps?|key|token|url|button|command) "
                            + "(?:you (?:sent|gave me|generated|created) )?(?:just )?(?:gives|shows|returns|leads to|is|was|has) (?:me )?"
                            + "(?:a |an |already )?(?:blank|error|http \\d{3}|\\d{3}s?|expired|broken|dead)|did not change (?:anything|a thing))\\b",
                    "\\b(?:and it|which|that) (?:worked|works|fixed|helped)\\b|\\bit worked\\b|\\b(?:anymore|any more)\\b",
                    Rule.Guard.NOT_CONDITIONAL),
            // An earlier attempt or support contact that got nowhere (real sample E): "already did that, they said
            // to wait", "spoke to six people so far", "went to a manager and got no help", "yes I did, but the bank
            // is not releasing the money", "nothing has come of it".
            Rule.vetoed("builtin:still.went-nowhere", Signal.STILL_BROKEN,
                    "(?:^|\\b(?:i|we|i have|we have|i had|we had|have|had) )already (?:" + CONTACTED + "|did|done|do|tried|"
                            + "sent|replied|responded|submitted|filled|asked|been|went|gone|raised|opened|followed)\\b|"
                            + "\\b(?:i|we) (?:have |had )?(?:already )?(?:did|done|tried) (?:that|this|it|so|all (?:of )?(?:that|"
                            + "those|them|these)|both|them all|everything)(?: already)? (?:and |but )?(?:they|it did not|still|"
                            + "nothing|no|not|same|got|was|were|closed|the)\\b|"
                            + "^(?:yes |yeah |yep |ya )?(?:i |we )?(?:have|did|tried|done)(?: (?:that|it|so|this))?(?: already)? "
                            + "but (?:not|no|nothing|it|they|still)\\b|"
                            + "^but (?:\\w+ ){1,3}?(?:is|are|was|were|do|does|did|has|have|will|can) not (?:\\w+ )?(?:releasing|"
                            + "giving|sending|helping|help|answering|answer|responding|respond|refunding|refund|processing|"
                            + "process|replying|reply|doing|accepting|honou?ring|returning|paying|crediting)\\b|"
                            + "\\b(?:" + CONTACTED + "|complained to|wrote to|visited|spoken to|spoke to|talked to|chatted with|"
                            + "been to) (?:you |them |you guys |you all |y all |the \\w+ |\\w+ ){0,3}?" + MANY
                            + " (?:times?|time|people|agents|reps|advisors|different people|so far)\\b|"
                            + "\\b" + MANY + " (?:calls|tweets|emails|e mails|messages|chats|visits|dms|complaints|tickets)"
                            + "(?: later)? (?:and |but |with |yet )?(?:still )?(?:no|nothing|not)\\b|"
                            + "\\b(?:with|but|and|got) no (?:assistance|help|result|results|progress|outcome|answers?)\\b|"
                            + "\\b(?:not|no|never) (?:got |gotten |made |seen |had )?(?:any )?progress\\b|"
                            + "\\bnothing (?:has |is |ever )?(?:come|came|coming) (?:of|from)\\b|\\bnothing (?:has )?been done\\b|"
                            + "\\b(?:responded|replied|sent (?:it|you|them|that|this|the \\w+|my \\w+|a dm|a message|an email)|dm\\w*|"
                            + "messaged|emailed|called|rang|phoned|wrote|reached out|submitted|filed) (?:\\w+ ){0,3}?(?:\\d+ ?|an? |two |"
                            + "three |four |five |several |a few |few |a couple of |couple of )(?:mins?|minutes|hours?|hrs?|days?|"
                            + "weeks?) ago\\b|"
                            + "(?:^|\\b(?:i|we) )already have (?:and|but)\\b|"
                            + "^(?:i |we )?(?:have |had )?(?:already |also )?tried (?:\\w+ ){0,2}?(?:" + FIX_STEP + ")|"
                            + "\\btried (?:that|this|it|them|those|these)(?: too| as well)? (?:and|but)\\b|"
                            + "\\btried (?:all )?(?:the|every|your) (?:\\w+ )?(?:steps|things|tips|suggestions|troubleshooting|options)\\b|"
                            + "\\b(?:they|she|he|the (?:\\w+ )?(?:store|shop|agent|rep|manager|supervisor|staff|desk|team|bank|driver)) "
                            + "(?:would|will|did|could|can) not (?:refund|help|fix|replace|accept|exchange|honou?r|do anything|listen)\\b|"
                            + "\\b(?:call|calling|email|emailing|tweet|tweeting|chasing) (?:you |them |this |about this )*(?:every day|"
                            + "daily|every week|for (?:days|weeks|months))\\b",
                    "\\b(?:worked|works|working|fixed|helped|sorted|resolved)\\b|\\b(?:and|which) (?:it )?did the trick\\b",
                    Rule.Guard.NOT_CONDITIONAL, Rule.Guard.NOT_QUESTION),
            Rule.vetoed("builtin:still.no-sign", Signal.STILL_BROKEN,
                    "\\bno sign of (?:my|the|it|any|them|a|an|our|your)\\b",
                    "\\bsince\\b|\\bno sign of (?:any |the )?(?:errors?|issues?|problems?|trouble|bugs?|outages?|crash\\w*)\\b",
                    Rule.Guard.NOT_CONDITIONAL, Rule.Guard.NOT_QUESTION),
            Rule.vetoed("builtin:still.still-failing", Signal.STILL_BROKEN,
                    "\\bstill (?:\\w+ ){0,3}?" + TROUBLE + "\\b",
                    "\\bstill (?:love|like|want|think|qualify|rather|prefer|watching|mad|shocked|excited)\\b",
                    Rule.Guard.NOT_CONDITIONAL),
            Rule.vetoed("builtin:still.happening-again", Signal.STILL_BROKEN,
                    "\\b(?:happening|happened|happens|it goes|at it|strikes out|down|broken|crash\\w*|fail\\w*|"
                            + "stopped|out|gone|lost|messed up|doing it|same thing|same issue|same problem|same error|"
                            + "not working|not work|on hold|offline|delayed|locked out|locked|charged me|wrong|"
                            + "throttling me|late|missing|glitch\\w*|freez\\w*|errors?|bugs?|issue|problem|"
                            + "cancel+ed|dropped|disconnected|kicked)\\b(?: \\w+){0,3}? (?:once |yet )?again\\b|"
                            + "\\b(?:once again|yet again|same again|again today)\\b|^again$",
                    "\\b(?:thanks|thank|try|tried|trying|bother|never|look|looked|check|checked|see|visit|fly|"
                            + "flying|order|book|shop|buy|use)\\b(?: \\w+){0,3} again\\b|\\bthanks\\b",
                    Rule.Guard.NOT_CONDITIONAL),
            Rule.of("builtin:still.not-fixed", Signal.STILL_BROKEN,
                    "\\b(?:not|never|no longer) (?:been |yet |even |really |actually |fully |quite |properly |being )?"
                            + "(?:fixed|resolved|solved|sorted|working|work|works|worked|functioning|loading|load|"
                            + "helping|helped|charging|connect\\w*|responding|going through|arrived|showing|"
                            + "show up|showing up|open\\w*|sync\\w*|download\\w*|install\\w*|"
                            + "delivered|recei?ved|refunded|credited|log ?in|logging in|sign in|let me|allow\\w* me|turn on|"
                            + "start|starting|boot\\w*|play|playing|power on)\\b",
                    Rule.Guard.NOT_CONDITIONAL),
            Rule.vetoed("builtin:still.no-luck", Signal.STILL_BROKEN,
                    "\\b(?:no luck|no dice|no change|no difference|no joy|no resolution|no fix|"
                            + "nothing (?:changed|works|worked|happened|has changed|is working)|nothing (?:\\w+ ){1,3}?(?:helped|has helped|worked)|"
                            + "same (?:error|issue|problem|result|message|thing|behaviou?r|story|\\d{3}s?)|(?:problem|issue|error) persists|"
                            + "(?:even )?worse now|every (?:request|call|run|sync|export|login) fails|"
                            + "(?:errors?|timeouts?|\\d{3}s?|others?|rest|retries|webhooks|notifications) (?:did|do|does|have|has) not$|"
                            + "but only (?:for )?(?:one|half|some|part)|"
                            + "keeps? (?:on )?(?:crash\\w*|happen\\w*|fail\\w*|freez\\w*|saying|telling|dropping|"
                            + "disconnect\\w*|logging me out|kicking|going down|cutting|buffering|restarting)|"
                            + "did not (?:help|work|fix|do anything)|that did not|"
                            + "but not (?:now|today|anymore|any more|since|after)|barely (?:work\\w*|load\\w*)|"
                            + "nothing (?:is )?(?:loading|working)|keeps? getting (?:this |an |the |that )?error|"
                            + "(?:can not|unable to|not able to) (?:\\w+ )?(?:access|log ?in|sign in|connect|use|open|"
                            + "load|play|download|update|pay|renew|watch|stream|receive)|"
                            + "not (?:\\w+ ){1,2}(?:work|working))\\b",
                    "\\bnothing (?:has )?changed (?:on|in|at) (?:our|my) (?:side|end|config|setup)\\b|"
                            + "^nothing (?:has )?changed (?:on|in|at|with) (?:our|my|the)\\b",
                    Rule.Guard.NOT_CONDITIONAL, Rule.Guard.NOT_QUESTION),
            Rule.of("builtin:still.outage", Signal.STILL_BROKEN,
                    "\\b(?:internet|wifi|wi fi|service|site|app|website|server|network|system|power|cable|tv|"
                            + "connection|account) (?:is |are |has been |have been |went |keeps going |"
                            + "still |totally |completely )*(?:down|broken|not working|out|dead)\\b(?! of| there| for)|"
                            + "\\bno (?:internet|service|signal|connection|power|wifi|wi fi|cable|tv|dial tone|sound|"
                            + "audio|picture|data)\\b|\\b(?:is|are|still|completely|totally) broken\\b",
                    Rule.Guard.NOT_CONDITIONAL, Rule.Guard.NOT_QUESTION),

            // gratitude
            Rule.vetoed("builtin:gratitude.thanks", Signal.GRATITUDE,
                    "\\b(?:thanks|thank you|thank u|ty|tysm|tyvm|cheers|thankful|danke|dankeschön|vielen dank|tausend dank|"
                            + "herzlichen dank|besten dank|gracias|"
                            + "obrigad[oa]|merci|grazie)\\b",
                    "\\bthanks? (?:you )?(?:for nothing|anyway|a lot for nothing|for wasting|for ruining|"
                            + "for making me|for letting me down|for ignoring|for the (?:\\w+ ){0,3}late)\\b|"
                            + "\\bthanks to (?!you|all|everyone|the team|your team|the staff)|thanksfornothing|"
                            + "\\bno thanks\\b",
                    Rule.Guard.NOT_NEGATED),
            Rule.vetoed("builtin:gratitude.appreciate", Signal.GRATITUDE,
                    "\\b(?:appreciate (?:it|that|this|you|your|the|all|everything)|much appreciated|appreciated|"
                            + "grateful|kudos|much obliged|life ?saver|you (?:guys |all )?(?:are|were|rock|have been) "
                            + "(?:the best|amazing|awesome|brilliant|fantastic|stars|legends|so helpful|very helpful|"
                            + "a star|a lifesaver|wonderful))\\b",
                    "\\b(?:would|d) appreciate|appreciate it if|appreciate (?:a|an) (?:reply|response|answer|update|"
                            + "call)|sarcasmcue|\\bnot\\b",
                    Rule.Guard.NOT_NEGATED),

            Rule.vetoed("builtin:gratitude.praise", Signal.GRATITUDE,
                    "\\b(?:great|excellent|fantastic|amazing|brilliant|awesome|superb|outstanding|fab|stellar|top) "
                            + "(?:customer )?(?:service|support|job|work|help)\\b|\\byou (?:guys |all |folks )?rock\\b",
                    "\\b(?:not|no|never|worst|breaking|broke|used to|was once|competitor|other)\\b|sarcasmcue",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_HYPOTHETICAL),

            // Praise and delight aimed at the team or product without a thanks word (real sample E): "your staff were
            // brilliant", "had a wonderful stay", "really love the new seats", "the team has stepped up massively".
            Rule.vetoed("builtin:gratitude.praise-team", Signal.GRATITUDE,
                    "\\b(?:staff|team|crew|employees|people|agents?|reps?|guys|driver|cashier|manager|lady|gentleman|"
                            + "folks|colleagues?) (?:\\w+ )?(?:are|were|is|was|have been|has been) (?:so |really |very |absolutely |"
                            + "super |all |just |truly )*(?:great|amazing|awesome|brilliant|fantastic|wonderful|lovely|helpful|"
                            + "excellent|fab|fabulous|superb|the best|outstanding|incredible|friendly|kind)\\b|"
                            + "\\bwere (?:so |really |very )?(?:great|amazing|awesome|brilliant|fantastic|wonderful|helpful) "
                            + "(?:in|at|with) (?:helping|sorting|getting|assisting)\\b|"
                            + "\\b(?:had|have had|having) (?:a |such a |the most |an? )?(?:wonderful|great|amazing|fantastic|lovely|"
                            + "brilliant|fab|fabulous|perfect|incredible|awesome) (?:time|stay|flight|experience|evening|trip|"
                            + "visit|meal|weekend|holiday|journey)\\b|"
                            + "\\b(?:is|was|were|are|looks?|tastes?) (?:so |absolutely |really |just )?(?:delicious|yummy)\\b|"
                            + "^(?:i |we )?(?:really |absolutely |just |so )?love (?:the|your|these|this|it|them|our|my new)\\b|"
                            + "\\b(?:really|truly|have|has) stepped up\\b|\\bmade my (?:day|week|morning|evening)\\b|"
                            + "\\b(?:made|make|makes) (?:my|our|the whole|everyone|every) (?:\\w+ )?smile\\b|"
                            + "\\bbest part of (?:my |the )?(?:day|today|week|morning|evening)\\b",
                    "\\b(?:not|no|never|rude|worst|terrible|awful|horrible|used to|other|competitor|would|love to|love how|"
                            + "love that|love when|love it when|love being|love waiting|slow)\\b|sarcasmcue",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),

            // resolution_proposed
            Rule.vetoed("builtin:resolve.fixed-claim", Signal.RESOLUTION_PROPOSED,
                    "\\b(?:we|i|team|engineers|it|this|that|issue|problem|outage|bug|error|service|internet|"
                            + "everything|account|order|password|connection|app|site|fix) (?:has |have |had |is |are |"
                            + "was |were )?(?:now |just |since |already |successfully |been )*(?:fixed|resolved|"
                            + "restored|corrected|patched|repaired|unlocked|reactivated|re enabled|reinstated|"
                            + "back up|up and running|deployed|released|rolled out|pushed out|live)\\b|"
                            + "\\b(?:deployed|released|pushed|rolled out|applied) (?:a |the )?(?:fix|patch|update|hotfix)\\b|"
                            + "\\b(?:is|are) back (?:up|online|to normal)\\b|\\ball sorted (?:on our (?:end|side)|now)\\b|"
                            + "\\b(?:sorted|fixed) (?:on|from) our (?:end|side)\\b|\\bcorrected (?:\\w+ ){1,2}(?:is|are|has been|"
                            + "was) (?:now )?(?:in|sent|uploaded|available|attached)\\b|\\b(?:backlog|queue) (?:has )?(?:drained|"
                            + "cleared|caught up)\\b|\\bshould (?:stop|prevent|clear) (?:the|those|these)\\b",
                    GLAD + "|\\bsorry\\b|\\bstill\\b|\\b(?:get|getting|to be|to get) (?:this |it |that |your \\w+ )?"
                            + "(?:resolved|fixed|restored|sorted)\\b|\\b(?:we|apple|they) (?:have )?released (?:ios|android|macos|"
                            + "windows|version|v ?\\d|\\d)", Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:resolve.refund-issued", Signal.RESOLUTION_PROPOSED,
                    "\\b(?:refund|credit note|credit|replacement|reimbursement|voucher|compensation|gift card) (?:has |have )?"
                            + "(?:now |just |already )?(?:been )?(?:issued|processed|applied|added|sent|credited|"
                            + "approved|arranged|initiated|refunded)\\b|"
                            + "\\b(?:we|i) (?:have |had )?(?:now |just |already |gone ahead and )*(?:issued|processed|"
                            + "applied|added|credited|refunded|arranged|reset|removed|corrected|waived|reversed|"
                            + "reissued|rebooked|re booked|unlocked|escalated and resolved) (?:a |the |your |you |that |"
                            + "this |it )",
                    "\\b(?:dm|dms|direct message|private message|pm|comments?|feedback|suggestions?|(?<!credit )notes?)\\b|" + GLAD, Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED,
                    Rule.Guard.NOT_HYPOTHETICAL),
            Rule.of("builtin:resolve.should-work", Signal.RESOLUTION_PROPOSED,
                    "\\bshould (?:now )?(?:be )?(?:working|work|fixed|resolved|back|up|sorted|good to go|fine|"
                            + "able to \\w+)(?: \\w+){0,5} now\\b|\\bshould now (?:be|work|see|show|load)\\b|"
                            + "\\b(?:that|this|it|which) (?:should|will) (?:fix|resolve|solve|sort|do the trick|"
                            + "take care of|clear)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED),
            Rule.of("builtin:resolve.try-this", Signal.RESOLUTION_PROPOSED,
                    "\\b(?:try|restart\\w*|reboot\\w*|reset\\w*|reinstall\\w*|uninstall\\w*|update\\w*|clear\\w*|"
                            + "power cycl\\w*|log out|sign out|unplug\\w*|delete\\w*|turn\\w* (?:it )?off|disabl\\w*|"
                            + "enabl\\w*|go to settings|force (?:quit|close)|hard reset|backup|back up)\\b"
                            + "[^?]{0,120}?\\blet (?:us|me) know (?:if|whether|how|what happens|the results?)"
                            + "(?: (?:that|this|it|the issue|the problem|these|those|this step|either)?"
                            + " ?(?:helps?|works?|fix\\w*|resolv\\w*|clears?|solves?|goes|makes a difference|"
                            + "changes|improves|does the trick))?",
                    Rule.Guard.NOT_NEGATED),

            Rule.vetoed("builtin:resolve.suggest-fix", Signal.RESOLUTION_PROPOSED,
                    "\\btry(?:ing)? (?:\\w+ ){0,2}?(?:" + FIX_STEP + "|a (?:restart|reset|reinstall|clean|"
                            + "hard|different|fresh))\\b|"
                            + "\\b(?:recommend|suggest)\\w* (?:\\w+ )?(?:" + FIX_STEP + ")|"
                            + "\\b(?:let us|please|then|first|simply|just) (?:\\w+ )?(?:" + FIX_STEP + ")|"
                            + "^(?:" + FIX_STEP + ") (?:your|the|it|this|and)\\b|"
                            + "\\b(?:should|will|this|that|it) help(?: out| with (?:that|this|it))?$",
                    "\\b(?:have you|did you|were you|if you|when you try|try again later|if it|if that|if this)\\b",
                    Rule.Guard.NOT_NEGATED),

            // A setting to switch, offered as the fix (real sample E): "can you make sure the auto-update setting is on?"
            Rule.of("builtin:resolve.setting-step", Signal.RESOLUTION_PROPOSED,
                    "\\bmake sure (?:that )?(?:\\w+ ){0,8}?(?:setting|option|toggle|mode|feature|switch)\\b(?: \\w+){0,6}? "
                            + "(?:is|are) (?:turned |switched |set to )?(?:on|off|enabled|disabled|checked|unchecked|selected)\\b",
                    Rule.Guard.NOT_NEGATED),
            Rule.vetoed("builtin:resolve.done-action", Signal.RESOLUTION_PROPOSED,
                    "\\band (?:" + PAST_FIX + ") (?:it|them|that|those)\\b|"
                            + "\\b(?:we|i|team|the team|our team|engineering|ops|someone) (?:have |has |had )?(?:now |just |already "
                            + "|gone ahead and |since |finally |manually |quickly )*(?:" + PAST_FIX + ")\\b|"
                            + "^(?:ok |okay |so |alright |done |update |quick update |fyi |good news |just )*(?:"
                            + PAST_FIX + ")\\b|\\b(?:has been|have been|is|are|was|were|got) (?:now |just |already |"
                            + "successfully |all |finally )*(?:" + DONE_PASSIVE + ")\\b|\\b(?:fix|hotfix|patch|mitigation) "
                            + "(?:is|has been|went|was) (?:now )?(?:live|out|deployed|in place|rolled out|shipped)\\b",
                    GLAD + "|\\bsorry\\b|\\b(?:dm|direct message|private message|replied|responded)\\b|\\bwith (?:the )?"
                            + "(?:team|engineering|billing|devs?|developers)\\b|\\bescalat\\w*",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_HYPOTHETICAL),
            Rule.vetoed("builtin:resolve.should-be-good", Signal.RESOLUTION_PROPOSED,
                    "\\bshould (?:all )?be (?:good|fine|ok|okay|sorted|working|fixed|resolved|back|flowing|arriving|"
                            + "going through|visible|there)(?: again| now)?\\b|\\b(?:you are|you should be|are|is) (?:all )?"
                            + "(?:good to go|all set|set)\\b|^(?:you are )?(?:all set|good to go)\\b",
                    "\\b(?:once|after|when|by|tomorrow|next|later|release|ships|shipped)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED),

            // promise_made
            Rule.vetoed("builtin:promise.will-act", Signal.PROMISE_MADE,
                    "\\b(?:i|we|team|someone|our team|the team|they|a specialist|a member of (?:our|the) team) "
                            + "(?:will|am going to|are going to|shall|will be sure to|will definitely) "
                            + "(?:\\w+ ){0,3}?(?:look into|look at|check|follow up|get back|call|contact|reach out|"
                            + "update|keep you|send|pass|escalate|investigate|be in touch|take a look|have a look|"
                            + "get this|get that|get it|sort|fix|review|email|ring|monitor|make sure|raise|chase|"
                            + "feed|share|forward|let you know|be back|arrange|process|refund|reissue|add|credit|"
                            + "get you|look|speak|talk|report|log|note|have someone|ask|find out|dig|respond|reply|get in touch|"
                            + "work on|be in contact|keep an eye|circle back|ping|loop|keep (?:this|the) (?:thread|channel|ticket|case)|"
                            + "stay on (?:this|it|top of)|confirm|answer|continue (?:working|to work|with you|helping|to help|assisting|"
                            + "to assist|there|the conversation|to look)|"
                            + "have (?:an? |this |it |that |someone |more ))\\b",
                    REQUEST_BEFORE + "(?:\\s\\w+)*?\\s(?:and|then|so) (?:\\w+ ){0,4}?will\\b|\\bif you\\b|\\bwould\\b|\\bhope\\w*\\b|" + OFFER,
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED, Rule.Guard.NOT_AFTER_REQUEST),
            Rule.of("builtin:promise.let-me", Signal.PROMISE_MADE,
                    "\\blet me (?:check|look|see what|find out|get|take a look|have a look|follow up|reach out|ask|"
                            + "escalate|contact|call|confirm with|speak|chat)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED),
            Rule.of("builtin:promise.hear-back", Signal.PROMISE_MADE,
                    "\\byou (?:will|should) (?:hear|receive|get) (?:back|from us|from them|a call|an email|a reply|"
                            + "a response|an update)\\b|\\bexpect (?:a call|an email|a reply|a response|to hear)\\b|"
                            + "\\b(?:will|shall) be in touch\\b|\\b(?:i am|we are|am|are|team is|currently) (?:now |currently |already |actively )?"
                            + "(?:looking into|investigating|digging into|pulling|reproducing|reviewing|chasing|escalating|"
                            + "rolling (?:it|this|that|the \\w+) back|working on)\\b|^(?:on it|looking into (?:it|this)|"
                            + "investigating|taking a look|digging in)\\b|\\bback in \\d+|^will (?:check|look|dig|"
                            + "investigate|keep|update|follow|come back|get back|circle back|report back|let you know)\\b|"
                            + "\\b(?:am|are|i am|we are) (?:on it|looking into (?:it|"
                            + "this|that|the)|working on (?:it|this|that|a fix)|checking (?:on )?(?:it|this|that|the|your))\\b|"
                            + "\\b(?:i|we) (?:have |had )?asked (?:our|the|my) (?:\\w+ ){1,2}to\\b|\\b(?:is|are) (?:now |currently )?"
                            + "(?:deploying|rolling out|shipping|applying|preparing) (?:a |the )?(?:fix|patch|hotfix)\\b|"
                            + "^working on (?:a fix|it|this)\\b|\\b(?:we are|i am|team is|we are now|i am now) (?:following up|replying|responding) "
                            + "(?:with you|to you|now|via|by|in|to your|there)\\b|\\b(?:and|am|are) (?:now )?(?:replying|responding) "
                            + "(?:now|to you|to your|there|shortly)\\b|\\bas we speak\\b|\\bpicked (?:this|it) up\\b|\\b(?:is|are) testing a fix\\b|\\bbeing worked on\\b|\\band will (?:keep|update|follow up|"
                            + "get back|report back|let you know|circle back|confirm|continue (?:working|to work|with you|helping|to help|"
                            + "assisting|to assist|there))\\b|\\b(?:i am|we are) (?:now |currently )?"
                            + "(?:redeploying|restarting|rolling back|re running|rerunning|replaying|migrating|deploying|patching|"
                            + "re ?processing|re ?syncing)\\b",
                    Rule.Guard.NOT_QUESTION, Rule.Guard.NOT_NEGATED));

    private BuiltInRules() {
    }
}
