"""The words that tell what an e-mail is, per language: data apart from the logic that reads it.

Every phrase is written as the reader compares it: lower case, accents
dropped, spaces single (``"réponse automatique"`` is ``"reponse
automatique"``). Languages are ISO 639-1 codes. A phrase matches on word
boundaries, so ``"stop"`` does not match ``"stopped"``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "AUTO_SUBJECTS",
    "BACK_CUES",
    "BOUNCE_SENDERS",
    "BOUNCE_SUBJECTS",
    "BOUNCE_TEXTS",
    "INCLUSIVE_CUES",
    "LANGUAGES",
    "LEFT_COMPANY",
    "MONTHS",
    "OUT_OF_OFFICE",
    "OWN_SIGNOFFS",
    "QUOTE_HEADERS",
    "SIGNOFFS",
    "SOFT_BOUNCE_TEXTS",
    "UNSUBSCRIBE",
    "UNTIL_CUES",
]

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "sv", "pt")
"""The languages the tables cover."""

AUTO_SUBJECTS: Mapping[str, tuple[str, ...]] = {
    "en": ("automatic reply", "auto reply", "autoreply", "auto-reply", "auto response"),
    "de": ("automatische antwort", "autom. antwort", "abwesenheitsnotiz", "abwesenheit"),
    "fr": ("reponse automatique", "reponse auto", "message d'absence", "absence du bureau"),
    "es": ("respuesta automatica", "fuera de la oficina", "ausencia"),
    "it": ("risposta automatica", "fuori ufficio", "assenza"),
    "nl": ("automatisch antwoord", "afwezigheidsbericht", "afwezig"),
    "sv": ("automatiskt svar", "franvaro", "franvaromeddelande"),
    "pt": ("resposta automatica", "ausencia temporaria", "fora do escritorio"),
}
"""Subject prefixes that mail clients and servers put on automatic replies."""

# "Out of office" heads the English list: Outlook writes it in the subject of
# many languages' replies, so it is read as a subject in every language.
OUT_OF_OFFICE: Mapping[str, tuple[str, ...]] = {
    "en": (
        "out of office",
        "out of the office",
        "on vacation",
        "on holiday",
        "on leave",
        "on parental leave",
        "on annual leave",
        "away from the office",
        "away from my desk",
        "currently away",
        "i am away",
        "i'm away",
        "limited access to e-mail",
        "limited access to email",
        "back in the office",
        "travelling",
        "traveling",
        "on a business trip",
        "at a conference",
        "at a trade fair",
    ),
    "de": (
        "abwesend",
        "nicht im buro",
        "ausser haus",
        "im urlaub",
        "in urlaub",
        "abwesenheitsnotiz",
        "nicht erreichbar",
        "wieder im buro",
        "auf dienstreise",
        "auf geschaftsreise",
    ),
    "fr": (
        "absent du bureau",
        "absente du bureau",
        "je suis absent",
        "je suis absente",
        "en conges",
        "en vacances",
        "message d'absence",
        "en deplacement",
    ),
    "es": (
        "fuera de la oficina",
        "estoy ausente",
        "de vacaciones",
        "ausente de la oficina",
        "de viaje",
    ),
    "it": (
        "fuori ufficio",
        "sono assente",
        "in ferie",
        "in vacanza",
        "in viaggio",
        "in trasferta",
    ),
    "nl": (
        "afwezig",
        "niet op kantoor",
        "met vakantie",
        "op vakantie",
        "afwezigheidsbericht",
        "op reis",
    ),
    "sv": (
        "ar ledig",
        "pa semester",
        "franvarande",
        "inte pa kontoret",
        "franvaro",
        "bortrest",
        "pa tjansteresa",
    ),
    "pt": (
        "fora do escritorio",
        "estou ausente",
        "de ferias",
        "em ferias",
        "em viagem",
    ),
}
"""Phrases that say the writer is away for a while."""

LEFT_COMPANY: Mapping[str, tuple[str, ...]] = {
    "en": (
        "no longer with",
        "no longer works at",
        "no longer works for",
        "no longer working at",
        "no longer working for",
        "no longer employed",
        "has left the company",
        "have left the company",
        "has left the firm",
        "left the company",
        "is no longer at",
        "this mailbox is no longer monitored",
    ),
    "de": (
        "nicht mehr im unternehmen",
        "nicht mehr fur",
        "nicht mehr bei",
        "hat das unternehmen verlassen",
        "nicht mehr in unserem unternehmen",
        "ist nicht mehr tatig",
    ),
    "fr": (
        "ne fait plus partie",
        "a quitte l'entreprise",
        "a quitte la societe",
        "ne travaille plus",
    ),
    "es": (
        "ya no trabaja",
        "ya no forma parte",
        "ha dejado la empresa",
    ),
    "it": (
        "non lavora piu",
        "non fa piu parte",
        "ha lasciato l'azienda",
    ),
    "nl": (
        "niet meer werkzaam",
        "is niet langer werkzaam",
        "heeft het bedrijf verlaten",
        "werkt hier niet meer",
    ),
    "sv": (
        "slutat pa",
        "har slutat",
        "arbetar inte langre",
        "inte langre anstalld",
    ),
    "pt": (
        "nao trabalha mais",
        "ja nao trabalha",
        "deixou a empresa",
        "nao faz mais parte",
    ),
}
"""Phrases that say the person left the company (so the address will not reach them)."""

UNSUBSCRIBE: Mapping[str, tuple[str, ...]] = {
    "en": (
        "unsubscribe",
        "remove me",
        "take me off",
        "stop emailing me",
        "stop e-mailing me",
        "stop sending me",
        "stop contacting me",
        "do not contact me",
        "don't contact me",
        "do not email me",
        "don't email me",
        "do not e-mail me",
        "opt me out",
        "i want to opt out",
        "please opt out",
        "no more emails",
        "no more e-mails",
    ),
    "de": (
        "abmelden",
        "austragen",
        "bitte keine e-mails mehr",
        "bitte keine emails mehr",
        "bitte keine mails mehr",
        "keine e-mails mehr",
        "keine werbung",
        "nicht mehr kontaktieren",
        "loschen sie meine",
    ),
    "fr": (
        "desinscrire",
        "desinscription",
        "desabonner",
        "desabonnement",
        "ne plus me contacter",
        "ne me contactez plus",
        "retirez-moi",
        "retirez moi",
        "arretez de m'envoyer",
    ),
    "es": (
        "darme de baja",
        "dar de baja",
        "date de baja",
        "no me contacten",
        "no me escriban",
        "dejen de enviarme",
        "eliminarme de",
    ),
    "it": (
        "cancellami",
        "disiscrivermi",
        "disiscrivi",
        "non contattatemi",
        "non scrivetemi",
        "rimuovetemi",
    ),
    "nl": (
        "afmelden",
        "uitschrijven",
        "geen e-mails meer",
        "verwijder mij",
        "niet meer mailen",
    ),
    "sv": (
        "avregistrera",
        "avsluta prenumeration",
        "ta bort mig",
        "sluta maila",
        "inga fler mejl",
    ),
    "pt": (
        "descadastrar",
        "cancelar inscricao",
        "remova-me",
        "remover meu",
        "parem de me enviar",
        "nao me contatem",
    ),
}
"""Phrases that ask us to stop e-mailing (read in the reply's own words, not the quoted mail)."""

BOUNCE_SUBJECTS = (
    "undelivered mail returned to sender",
    "undeliverable",
    "delivery status notification",
    "mail delivery failed",
    "mail delivery failure",
    "delivery failure",
    "returned mail",
    "failure notice",
    "delivery has failed",
    "message not delivered",
    "delivery delayed",
    "warning: could not send message",
    "unzustellbar",
    "nicht zustellbar",
    "non remis",
    "echec de la remise",
    "no se puede entregar",
    "no entregado",
    "non recapitabile",
    "onbestelbaar",
    "kan inte levereras",
    "olevererbart",
    "nao entregue",
    "falha na entrega",
)
"""Subjects of non-standard bounce messages (servers that send no delivery-status report)."""

BOUNCE_SENDERS = ("mailer-daemon", "postmaster", "mail delivery subsystem", "mail delivery system")
"""Local parts and display names of the senders of bounce messages."""

BOUNCE_TEXTS = (
    "user unknown",
    "unknown user",
    "no such user",
    "mailbox unavailable",
    "mailbox not found",
    "address rejected",
    "recipient address rejected",
    "does not exist",
    "account has been disabled",
    "could not be delivered",
    "couldn't be delivered",
    "wasn't delivered",
    "was not delivered",
    "delivery to the following recipient failed",
    "delivery has failed",
    "undeliverable",
    "permanent error",
    "permanent failure",
    "unzustellbar",
    "konnte nicht zugestellt werden",
    "n'a pas pu etre remis",
    "no se pudo entregar",
    "non e stato possibile recapitare",
    "kon niet worden bezorgd",
    "kunde inte levereras",
    "nao pode ser entregue",
)
"""Phrases of the body of a non-standard bounce that say delivery failed for good."""

SOFT_BOUNCE_TEXTS = (
    "mailbox full",
    "mailbox is full",
    "over quota",
    "quota exceeded",
    "temporarily deferred",
    "temporary failure",
    "temporarily unavailable",
    "delivery delayed",
    "delivery is delayed",
    "has not yet been delivered",
    "will retry",
    "still trying",
    "postfach voll",
    "boite pleine",
)
"""Phrases of a bounce that say the failure is temporary."""

BACK_CUES = (
    "back on",
    "back in the office on",
    "back in the office",
    "back",
    "return on",
    "returning on",
    "returning",
    "return",
    "i will be back",
    "available again",
    "ab dem",
    "ab",
    "zuruck",
    "wieder da",
    "wieder erreichbar",
    "wieder im buro",
    "de retour",
    "a partir du",
    "retour le",
    "de vuelta",
    "regreso",
    "volvere",
    "a partir del",
    "di ritorno",
    "rientro",
    "rientrero",
    "dal",
    "terug op",
    "terug",
    "vanaf",
    "tillbaka",
    "atertar",
    "fran och med",
    "de volta",
    "retorno",
    "retornarei",
    "a partir de",
)
"""Words before a date on which the writer is back (that date is the first day back)."""

INCLUSIVE_CUES = (
    "through",
    "thru",
    "up to and including",
    "until and including",
    "bis einschliesslich",
    "bis inklusive",
    "bis und mit",
    "einschliesslich",
    "jusqu'au inclus",
    "inclus",
    "inclusive",
    "incluido",
    "incluso",
    "compreso",
    "tot en met",
    "t/m",
    "till och med",
    "t.o.m.",
    "inclusive",
)
"""Words that make the date the last day away."""

UNTIL_CUES = (
    "until",
    "till",
    "til",
    "to",
    "bis zum",
    "bis",
    "jusqu'au",
    "jusqu'a",
    "au",
    "hasta el",
    "hasta",
    "al",
    "fino al",
    "fino a",
    "tot",
    "till",
    "ate",
    "ate o dia",
)
"""Words before the end of an absence: read as its last day (see ``replies``)."""

QUOTE_HEADERS = (
    # Mail clients' lines above a quoted message, as regular expressions on
    # one folded line; each is anchored and without nested repetition.
    r"^on .{1,300} wrote:?$",
    r"^am .{1,300} schrieb .{0,300}$",
    r"^le .{1,300} a ecrit ?:?$",
    r"^el .{1,300} escribio:?$",
    r"^il .{1,300} ha scritto:?$",
    r"^op .{1,300} schreef .{0,300}$",
    r"^den .{1,300} skrev .{0,300}$",
    r"^em .{1,300} escreveu:?$",
    r"^-{2,} ?(original message|ursprungliche nachricht|message d'origine|mensaje original|"
    r"messaggio originale|oorspronkelijk bericht|ursprungligt meddelande|mensagem original)"
    r" ?-{2,}$",
    r"^_{10,}$",
    r"^(from|von|de|da|van|fran): .{1,300}$",
)
"""The lines that start the quoted earlier message."""

SIGNOFFS = (
    "best regards",
    "kind regards",
    "regards",
    "best",
    "thanks",
    "thank you",
    "cheers",
    "mit freundlichen grussen",
    "viele grusse",
    "beste grusse",
    "gruss",
    "cordialement",
    "bien cordialement",
    "bien a vous",
    "saludos",
    "un saludo",
    "atentamente",
    "cordiali saluti",
    "saluti",
    "distinti saluti",
    "met vriendelijke groet",
    "groeten",
    "med vanliga halsningar",
    "vanliga halsningar",
    "halsningar",
    "atenciosamente",
    "cumprimentos",
    "abracos",
)
"""Closing lines after which the rest is the signature."""

OWN_SIGNOFFS = (
    "sent from my iphone",
    "sent from my phone",
    "sent from my android",
    "von meinem iphone gesendet",
    "envoye de mon iphone",
    "enviado desde mi iphone",
    "inviato da iphone",
    "verzonden vanaf mijn iphone",
    "skickat fran min iphone",
    "enviado do meu iphone",
)
"""The lines a phone's mail app appends: the signature, whatever comes after."""

MONTHS: Mapping[str, int] = {
    # en
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    # de
    "januar": 1, "janner": 1, "februar": 2, "marz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # fr
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # es
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # it
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    # sv
    "maj": 5, "augusti": 8,
    # pt
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}  # fmt: skip
"""Month names and abbreviations, accents dropped, to the month's number."""
