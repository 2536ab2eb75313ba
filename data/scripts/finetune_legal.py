"""Hand-written parts for data/finetune/legal.jsonl: contract clauses and fictional case summaries.

Clause templates use {a} and {b} for the two parties and a few named slots; the generator fills
them from the lists below. All parties, places and cases are fictional.
"""

PARTIES = [
    ("the Landlord", "the Tenant"),
    ("the Company", "the Contractor"),
    ("the Seller", "the Buyer"),
    ("the Licensor", "the Licensee"),
    ("the Employer", "the Employee"),
    ("the Provider", "the Customer"),
    ("the Lender", "the Borrower"),
    ("the Owner", "the Builder"),
]
DAYS = [7, 10, 14, 30, 45, 60, 90]
AMOUNTS = ["$500", "$1,000", "$2,500", "$5,000", "$10,000", "$25,000"]
PERCENTS = ["1%", "1.5%", "2%", "5%"]
PLACES = ["the State of Oregon", "the State of New York", "England and Wales", "the Province of Ontario", "the State of Victoria", "Scotland"]
YEARS = [1, 2, 3, 5]
MILES = [10, 25, 50]

# (clause type, clause template, summary template)
CLAUSES = [
    ("confidentiality",
     "{b} shall not disclose any Confidential Information received from {a} to any third party without the prior written consent of {a}, and shall use such information solely for the purposes of this Agreement.",
     "{B} must keep {a}'s confidential information secret and use it only for this agreement, unless {a} agrees in writing."),
    ("termination for convenience",
     "Either party may terminate this Agreement at any time, for any reason, by giving the other party not less than {days} days' prior written notice.",
     "Either side can end the agreement for any reason by giving at least {days} days' written notice."),
    ("termination for breach",
     "If either party commits a material breach of this Agreement and fails to remedy such breach within {days} days of receiving written notice thereof, the other party may terminate this Agreement with immediate effect.",
     "If one side seriously breaks the agreement and does not fix it within {days} days of being told in writing, the other side can end the agreement immediately."),
    ("payment terms",
     "{b} shall pay all undisputed invoices issued by {a} within {days} days of the date of invoice, by bank transfer to the account designated by {a}.",
     "{B} has {days} days from the invoice date to pay {a}'s undisputed invoices by bank transfer."),
    ("late payment",
     "Any amount not paid when due shall accrue interest at the rate of {pct} per month from the due date until the date of actual payment.",
     "Late payments are charged interest of {pct} per month until they are paid."),
    ("governing law",
     "This Agreement and any dispute arising out of or in connection with it shall be governed by and construed in accordance with the laws of {place}.",
     "The laws of {place} apply to this agreement and to any dispute about it."),
    ("limitation of liability",
     "In no event shall {a}'s aggregate liability arising out of or related to this Agreement exceed {amount}, and {a} shall not be liable for any indirect or consequential loss.",
     "{A}'s total liability is capped at {amount}, and {a} is not responsible for indirect or knock-on losses."),
    ("indemnity",
     "{b} shall indemnify and hold harmless {a} from and against all claims, losses and expenses, including reasonable legal fees, arising from {b}'s breach of this Agreement.",
     "{B} must cover {a}'s costs, including reasonable legal fees, for claims caused by {b} breaking the agreement."),
    ("non-compete",
     "For a period of {years} year(s) following the termination of this Agreement, {b} shall not engage in any business that competes with {a} within {miles} miles of {a}'s principal place of business.",
     "For {years} year(s) after the agreement ends, {b} cannot run a competing business within {miles} miles of {a}'s main location."),
    ("warranty",
     "{a} warrants that the goods supplied shall be free from material defects in materials and workmanship for a period of {years} year(s) from the date of delivery.",
     "{A} promises the goods will have no significant defects for {years} year(s) after delivery."),
    ("force majeure",
     "Neither party shall be liable for any failure or delay in performance caused by events beyond its reasonable control, including fire, flood, war, epidemic or governmental action, provided that it notifies the other party within {days} days.",
     "Neither side is responsible for delays caused by events outside its control, such as floods or wars, as long as it tells the other side within {days} days."),
    ("assignment",
     "{b} may not assign, transfer or subcontract any of its rights or obligations under this Agreement without the prior written consent of {a}.",
     "{B} cannot hand over its rights or duties under the agreement to someone else without {a}'s written permission."),
    ("notices",
     "All notices under this Agreement shall be in writing and shall be deemed received {days} days after being sent by registered post to the address of the receiving party stated above.",
     "Notices must be written, and a notice sent by registered post counts as received {days} days after it is sent."),
    ("automatic renewal",
     "This Agreement shall automatically renew for successive periods of {years} year(s) unless either party gives written notice of non-renewal at least {days} days before the end of the then-current term.",
     "The agreement renews itself every {years} year(s) unless one side gives written notice at least {days} days before the term ends."),
    ("security deposit",
     "{b} shall pay a security deposit of {amount} upon signing, which {a} shall return within {days} days after the end of the term, less any amounts properly deducted for unpaid sums or damage.",
     "{B} pays a {amount} deposit, which {a} must return within {days} days after the term ends, minus any proper deductions for unpaid amounts or damage."),
    ("entire agreement",
     "This Agreement constitutes the entire agreement between the parties and supersedes all prior negotiations, representations and understandings, whether written or oral.",
     "This document is the whole agreement; earlier discussions and promises, written or spoken, no longer count."),
    ("severability",
     "If any provision of this Agreement is held invalid or unenforceable, that provision shall be limited to the minimum extent necessary and the remaining provisions shall continue in full force and effect.",
     "If a court strikes down one part of the agreement, only that part is cut back and the rest still applies."),
    ("intellectual property",
     "All intellectual property rights in any work product created by {b} in the course of performing this Agreement shall vest in {a} upon creation.",
     "{A} owns the intellectual property in anything {b} creates while doing the work under this agreement."),
    ("dispute resolution",
     "The parties shall first attempt to resolve any dispute through good-faith negotiation for {days} days, failing which the dispute shall be referred to binding arbitration.",
     "The parties must try to settle disputes by negotiating for {days} days; if that fails, an arbitrator decides and the decision is binding."),
    ("amendment",
     "No amendment or variation of this Agreement shall be effective unless it is in writing and signed by authorised representatives of both parties.",
     "The agreement can only be changed in writing, signed by authorised people from both sides."),
    ("rent increase",
     "{a} may increase the rent once in any twelve-month period by giving {b} not less than {days} days' written notice, and any increase shall not exceed {pct} of the rent then payable.",
     "{A} can raise the rent at most once a year, with at least {days} days' written notice, and by no more than {pct}."),
    ("subletting",
     "{b} shall not sublet or part with possession of the whole or any part of the premises without the prior written consent of {a}, such consent not to be unreasonably withheld.",
     "{B} needs {a}'s written permission to sublet the property, and {a} cannot refuse without a good reason."),
    ("probation period",
     "The first {days} days of employment shall be a probationary period, during which either party may terminate the employment by giving one week's written notice.",
     "The first {days} days are a trial period in which either side can end the job with one week's written notice."),
    ("refund policy",
     "{b} may return any unused product within {days} days of purchase for a full refund, provided that the product is in its original packaging and accompanied by proof of purchase.",
     "{B} can return unused products within {days} days for a full refund if they are in the original packaging with a receipt."),
]

PROMPTS = [
    "Summarize this clause in plain English: {text}",
    "What does this contract clause mean? {text}",
    "Give a one-sentence summary of this provision: {text}",
    "Explain this legal text simply: {text}",
    "Rewrite this clause so a non-lawyer can understand it: {text}",
]

# Fictional case summaries: (facts, holding, summary)
PLAINTIFFS = ["Harper", "Okafor", "Lindqvist", "Moreau", "Castellano", "Nakamura", "Brennan", "Adeyemi", "Kowalski", "Delacroix"]
DEFENDANTS = ["Riverside Storage Ltd", "Bluebell Catering Co", "Northgate Motors", "Summit Software Inc", "Greenway Apartments LLC", "Harbor Freight Lines", "Maple Leaf Dental", "Crescent Builders"]
CASES = [
    ("The plaintiff rented a storage unit from the defendant. Water leaked through the roof and damaged the plaintiff's furniture. The contract excluded liability for damage 'howsoever caused'. The court held that the exclusion was too broad to cover the defendant's own failure to repair the roof, which it had known about for months.",
     "The storage company was liable for the water damage, because its broad exclusion clause did not protect it from its own known failure to repair the roof."),
    ("The plaintiff was dismissed without notice after missing two shifts to care for a sick child. The employment contract required one month's notice unless the employee committed gross misconduct. The court found that missing two shifts for a family emergency was not gross misconduct.",
     "The dismissal breached the contract: missing two shifts for a family emergency was not gross misconduct, so the employee was entitled to one month's notice."),
    ("The plaintiff bought a used car that the defendant described as having 'one careful owner'. The car had in fact had four owners and had been in a serious accident. The court held that the description was a false statement of fact that induced the purchase.",
     "The buyer could undo the sale and recover the price because the seller's false description of the car's history was a misrepresentation."),
    ("The plaintiff, a software developer, claimed ownership of code written at home during evenings. The defendant employer relied on a clause assigning all work 'relating to the business' to the company. The court found the code was unrelated to the employer's products and was written without company resources.",
     "The developer kept ownership of the code because it was unrelated to the employer's business and made without company resources, so the assignment clause did not apply."),
    ("The plaintiff tenant withheld rent after the landlord failed for three months to fix the heating in winter. The lease required the landlord to keep the premises in reasonable repair. The court held the tenant could recover the cost of repairs but should have followed the proper notice procedure before withholding rent.",
     "The landlord breached the repair duty, so the tenant could recover repair costs, but the tenant was wrong to withhold rent without first following the lease's notice procedure."),
    ("The plaintiff slipped on a wet floor in the defendant's restaurant. There was no warning sign, and staff had mopped the floor ten minutes earlier. The court found the restaurant had failed to take reasonable care for its customers' safety, but reduced damages because the plaintiff was looking at a phone.",
     "The restaurant was negligent for leaving a wet floor unmarked, but the award was reduced because the customer was partly at fault for not looking where they were going."),
    ("The plaintiff signed a contract that contained a clause requiring all disputes to go to arbitration. After a billing dispute, the plaintiff sued in court. The court held that the arbitration clause was clear, had been brought to the plaintiff's attention, and was binding.",
     "The case was sent to arbitration because the customer had agreed to a clear arbitration clause that had been properly brought to their attention."),
    ("The plaintiff hired the defendant to build an extension by the end of June. The builder finished in October. The contract set liquidated damages of a fixed sum per week of delay. The court held the sum was a genuine pre-estimate of loss, not a penalty, and enforced it.",
     "The builder had to pay the agreed weekly sum for the four-month delay, because that amount was a fair estimate of the owner's loss and not a penalty."),
    ("The plaintiff, a photographer, found one of her photos used on the defendant's website without permission. The defendant argued the photo was freely available online. The court held that being publicly accessible does not remove copyright protection.",
     "Using the photo without permission infringed copyright; the fact that it could be found online did not make it free to use."),
    ("The plaintiff agreed by email to buy a piano for a stated price, and the defendant replied 'Deal, collect Saturday'. The defendant later sold the piano to someone else. The court found that the emails showed offer, acceptance and agreed terms, forming a binding contract.",
     "The email exchange formed a binding contract, so the seller was liable for selling the piano to someone else."),
]
CASE_PROMPTS = [
    "Summarize this case: {text}",
    "Write a short case summary: {text}",
    "What did the court decide, in one or two sentences? {text}",
    "Give the key holding of this case in plain language: {text}",
]
