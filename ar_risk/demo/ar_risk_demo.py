import random

from dateutil.relativedelta import relativedelta
from stdnum import luhn

from odoo import api, models

# name, legal form, street, zip, city, RCS city, credit limit (0: none),
# policy, payment behaviour (read by ar_collection's demo builder)
CUSTOMERS = [
    (
        "Fromagerie des Alpes",
        "sas",
        "12 avenue Jean Jaurès",
        "74000",
        "Annecy",
        "Annecy",
        25000,
        "warn",
        "early",
    ),
    (
        "Charpentes Dauphinoises",
        "sarl",
        "3 rue du Moulin",
        "38500",
        "Voiron",
        "Grenoble",
        15000,
        "block",
        "ontime",
    ),
    (
        "Imprimerie Saint-Étienne",
        "sa",
        "41 cours Fauriel",
        "42100",
        "Saint-Étienne",
        "Saint-Étienne",
        40000,
        "warn",
        "late",
    ),
    (
        "Garage Bellecour",
        "eurl",
        "8 place Bellecour",
        "69002",
        "Lyon",
        "Lyon",
        0,
        False,
        "ontime",
    ),
    (
        "Cabinet Moreau Architectes",
        "sarl",
        "27 rue de Rivoli",
        "75004",
        "Paris",
        "Paris",
        20000,
        "warn",
        "early",
    ),
    (
        "Hôtel du Louvre Services",
        "sas",
        "5 rue de Marengo",
        "75001",
        "Paris",
        "Paris",
        60000,
        "block",
        "late",
    ),
    (
        "Traiteur Vincennes",
        "sasu",
        "112 avenue de Paris",
        "94300",
        "Vincennes",
        "Créteil",
        8000,
        "warn",
        "partial",
    ),
    (
        "Logistique Val-de-Marne",
        "sa",
        "2 rue des Alouettes",
        "94320",
        "Thiais",
        "Créteil",
        80000,
        "warn",
        "ontime",
    ),
    (
        "Coopérative Agricole du Gers",
        "scop",
        "Route de Toulouse",
        "32000",
        "Auch",
        "Auch",
        30000,
        "warn",
        "late",
    ),
    (
        "Pâtisserie Capitole",
        "ei",
        "19 rue d'Alsace-Lorraine",
        "31000",
        "Toulouse",
        "Toulouse",
        3000,
        "block",
        "early",
    ),
    (
        "Domaine Viticole de Pézenas",
        "other",
        "Chemin des Vignes",
        "34120",
        "Pézenas",
        "Béziers",
        0,
        False,
        "bad",
    ),
    (
        "Montpellier Numérique",
        "sas",
        "300 rue Léon Blum",
        "34000",
        "Montpellier",
        "Montpellier",
        18000,
        "block",
        "ontime",
    ),
    (
        "Conserverie de Douarnenez",
        "sa",
        "7 quai du Port-Rhu",
        "29100",
        "Douarnenez",
        "Quimper",
        35000,
        "warn",
        "late",
    ),
    (
        "Armor Électricité",
        "sarl",
        "15 rue de Brest",
        "35000",
        "Rennes",
        "Rennes",
        12000,
        "warn",
        "partial",
    ),
    (
        "Brasserie de Lorient",
        "sas",
        "4 boulevard Cosmao-Dumanoir",
        "56100",
        "Lorient",
        "Lorient",
        0,
        False,
        "early",
    ),
    (
        "Bordeaux Négoce Vins",
        "sa",
        "60 quai des Chartrons",
        "33000",
        "Bordeaux",
        "Bordeaux",
        50000,
        "warn",
        "ontime",
    ),
    (
        "Menuiserie Landaise",
        "eurl",
        "9 rue Gambetta",
        "40100",
        "Dax",
        "Dax",
        6000,
        "block",
        "late",
    ),
    (
        "Biarritz Surf Équipement",
        "sasu",
        "22 avenue de la Marne",
        "64200",
        "Biarritz",
        "Bayonne",
        10000,
        "warn",
        "bad",
    ),
    (
        "Lille Textile Industries",
        "sa",
        "155 rue Nationale",
        "59000",
        "Lille",
        "Lille Métropole",
        70000,
        "warn",
        "late",
    ),
    (
        "Transports du Nord-Pas-de-Calais",
        "sas",
        "Zone industrielle de la Pilaterie",
        "59290",
        "Wasquehal",
        "Lille Métropole",
        45000,
        "block",
        "ontime",
    ),
    (
        "Amiens Bâtiment",
        "sarl",
        "33 rue des Jacobins",
        "80000",
        "Amiens",
        "Amiens",
        9000,
        "warn",
        "partial",
    ),
    (
        "Strasbourg Métallerie",
        "sas",
        "18 route du Rhin",
        "67100",
        "Strasbourg",
        "Strasbourg",
        25000,
        "warn",
        "ontime",
    ),
    (
        "Nancy Pharma Distribution",
        "sa",
        "10 place Stanislas",
        "54000",
        "Nancy",
        "Nancy",
        0,
        False,
        "early",
    ),
    (
        "Reims Champagne Logistique",
        "snc",
        "6 rue de Vesle",
        "51100",
        "Reims",
        "Reims",
        30000,
        "block",
        "late",
    ),
    (
        "Marseille Port Services",
        "sas",
        "45 quai de Rive-Neuve",
        "13007",
        "Marseille",
        "Marseille",
        40000,
        "warn",
        "bad",
    ),
    (
        "Nice Côte Événements",
        "sarl",
        "8 promenade des Anglais",
        "06000",
        "Nice",
        "Nice",
        7000,
        "warn",
        "late",
    ),
    (
        "Avignon Fruits et Primeurs",
        "other",
        "MIN d'Avignon",
        "84000",
        "Avignon",
        "Avignon",
        15000,
        "block",
        "ontime",
    ),
    (
        "Rouen Maintenance Industrielle",
        "sas",
        "3 rue Jeanne d'Arc",
        "76000",
        "Rouen",
        "Rouen",
        22000,
        "warn",
        "partial",
    ),
    (
        "Caen Informatique",
        "sasu",
        "14 rue Écuyère",
        "14000",
        "Caen",
        "Caen",
        0,
        False,
        "ontime",
    ),
    (
        "Nantes Atlantique Emballages",
        "sa",
        "21 quai de la Fosse",
        "44000",
        "Nantes",
        "Nantes",
        55000,
        "warn",
        "late",
    ),
    (
        "Angers Paysages",
        "scop",
        "12 boulevard Foch",
        "49100",
        "Angers",
        "Angers",
        5000,
        "block",
        "early",
    ),
    (
        "Association Culturelle de Tours",
        "association",
        "2 place Plumereau",
        "37000",
        "Tours",
        False,
        0,
        False,
        "late",
    ),
    (
        "Dijon Moutarderie Fine",
        "sas",
        "7 rue de la Liberté",
        "21000",
        "Dijon",
        "Dijon",
        20000,
        "warn",
        "ontime",
    ),
    (
        "Guadeloupe Distribution",
        "sarl",
        "Rue Frébault",
        "97110",
        "Pointe-à-Pitre",
        "Pointe-à-Pitre",
        20000,
        "warn",
        "late",
    ),
    (
        "Martinique Matériaux",
        "sas",
        "Boulevard du Général de Gaulle",
        "97200",
        "Fort-de-France",
        "Fort-de-France",
        25000,
        "warn",
        "partial",
    ),
    (
        "Guyane Froid Services",
        "eurl",
        "Avenue du Général de Gaulle",
        "97300",
        "Cayenne",
        "Cayenne",
        0,
        False,
        "bad",
    ),
    (
        "Réunion Import Export",
        "sa",
        "Rue de Paris",
        "97400",
        "Saint-Denis",
        "Saint-Denis",
        35000,
        "block",
        "ontime",
    ),
    (
        "Mayotte BTP",
        "sarl",
        "Rue du Commerce",
        "97600",
        "Mamoudzou",
        "Mamoudzou",
        10000,
        "warn",
        "late",
    ),
]


def siren_siret(rng):
    """A SIREN and a SIRET of its head office that pass the Luhn check."""
    base = str(rng.randint(30_000_000, 99_999_999))
    siren = base + luhn.calc_check_digit(base)
    nic = "0001"
    return siren, siren + nic + luhn.calc_check_digit(siren + nic)


class ResPartner(models.Model):
    """The demo builder of the credit files, called by
    ``demo/ar_risk_demo.xml``; it adds no field."""

    _inherit = "res.partner"

    @api.model
    def _ar_create_demo_customers(self):
        """About forty French customers, overseas departments included, with
        valid SIREN/SIRET, legal forms, limits of every kind, guarantees and a
        watch list entry; each gets the xml id ``ar_risk.res_partner_NN_demo``
        so that the other addons' demo builders give it a history."""
        company = self.env.ref("base.main_company")
        today = company._ar_today()
        rng = random.Random(17)
        france = self.env.ref("base.fr")
        legal_forms = dict(self._fields["ar_legal_form"].selection)
        partners = self.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "customer_rank": 1,
                    "country_id": france.id,
                    "street": street,
                    "zip": zip_code,
                    "city": city,
                    "ar_rcs_city": rcs,
                    "ar_legal_form": form if form in legal_forms else "other",
                    "siret": siren_siret(rng)[1],
                    "ar_creation_date": today - relativedelta(years=rng.randint(2, 40)),
                    "email": "compta@%s.example"
                    % name.lower().split()[0].replace("é", "e"),
                    "phone": "+33 %d %02d %02d %02d %02d"
                    % (rng.randint(1, 5), *(rng.randint(10, 99) for _i in range(4))),
                    "credit_limit": limit,
                    "use_partner_credit_limit": bool(limit),
                    "ar_credit_policy": policy or "none",
                }
                for name, form, street, zip_code, city, rcs, limit, policy, behaviour in (
                    CUSTOMERS
                )
            ]
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "ar_risk.res_partner_%02d_demo" % index,
                    "record": partner,
                    "noupdate": True,
                }
                for index, partner in enumerate(partners, start=1)
            ]
        )
        by_name = {p.name: p for p in partners}
        by_name["Biarritz Surf Équipement"].ar_credit_hold = True
        Guarantee = self.env["ar.risk.guarantee"]
        Guarantee.create(
            [
                {
                    "name": "GAR-BNP-2025-118",
                    "guarantee_type": "bank_guarantee",
                    "partner_id": by_name["Hôtel du Louvre Services"].id,
                    "amount": 20000,
                    "date_start": today - relativedelta(months=8),
                    "date_end": today + relativedelta(months=4),
                    "state": "active",
                },
                {
                    "name": "Dépôt de garantie",
                    "guarantee_type": "deposit",
                    "partner_id": by_name["Traiteur Vincennes"].id,
                    "amount": 2000,
                    "date_start": today - relativedelta(months=11),
                    "state": "active",
                },
                {
                    "name": "Caution Groupe Nordtex",
                    "guarantee_type": "parent_guarantee",
                    "partner_id": by_name["Lille Textile Industries"].id,
                    "amount": 30000,
                    "date_start": today - relativedelta(years=2),
                    "date_end": today + relativedelta(days=25),
                    "state": "active",
                },
            ]
        )
        self._ar_create_demo_insurance(by_name, company, today)
        self.env["ar.risk.watch"]._ensure(
            by_name["Marseille Port Services"],
            company,
            "manual",
            note="Retards répétés, dirigeant injoignable.",
        )
        return partners

    @api.model
    def _ar_create_demo_insurance(self, by_name, company, today):
        """A credit insurance policy at 90 % with its decisions: a first
        decision below the amount requested, a reduction (an urgent action
        for the credit manager) leaving the buyer's exposure above what is
        still granted, and the Lyon carrier of ``res_partner_demo.xml``."""
        insurer = self.create(
            {
                "name": "Allianz Trade",
                "is_company": True,
                "country_id": self.env.ref("base.fr").id,
                "city": "Paris",
            }
        )
        policy = self.env["ar.risk.insurance.policy"].create(
            {
                "name": "ALLZ-778812",
                "insurer_id": insurer.id,
                "company_id": company.id,
                "quotite": 90.0,
                "claim_declaration_days": 60,
                "date_start": today - relativedelta(months=10),
                "date_end": today + relativedelta(months=14),
            }
        )
        reduced = by_name["Logistique Val-de-Marne"]
        decisions = [
            (by_name["Nantes Atlantique Emballages"], 60000, 40000, 5),
            (by_name["Bordeaux Négoce Vins"], 30000, 30000, 8),
            (self.env.ref("ar_risk.res_partner_transports_demo"), 50000, 30000, 6),
            (reduced, 50000, 30000, 9),
            # the insurer reduces its cover: the exposure is now above it
            (reduced, False, 5000, 0.3),
        ]
        Decision = self.env["ar.risk.insurance.decision"]
        for partner, requested, granted, months_ago in decisions:
            Decision.create(
                {
                    "policy_id": policy.id,
                    "partner_id": partner.id,
                    "amount_requested": requested,
                    "amount_granted": granted,
                    "decision_date": today - relativedelta(days=int(months_ago * 30)),
                }
            )
        return policy
