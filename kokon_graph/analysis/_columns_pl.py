"""The Polish text of every column description of :mod:`kokon_graph.analysis.columns`.

Keyed by the English description (the catalogue a translator works from); a description
composed from another (a territory's or a weighted variant) is translated from its parts
by :func:`polish_description`. A test asserts every documented column has its Polish text.
"""

from __future__ import annotations

from typing import Final

__all__ = ["polish_description"]

#: Endings added to a description by the columns built from others: English, Polish.
_SUFFIXES: Final = (
    (
        "; institutions located in the territory and the ties among them",
        "; instytucje położone na terytorium i powiązania między nimi",
    ),
    (", with z = tie weights", ", z wagami powiązań jako z"),
)

_PL: Final[dict[str, str]] = {
    "part of the data analysed (all, voivodeship:28, ...)": (
        "analizowana część danych (all – całość, voivodeship:28 – województwo, ...)"
    ),
    "survey wave analysed; empty = all waves together": (
        "analizowana fala badania; puste = wszystkie fale razem"
    ),
    "cooperation kinds counted; empty = all": "uwzględnione rodzaje współpracy; puste = wszystkie",
    "institutions in scope (n)": "instytucje w zakresie (n)",
    "arcs of the directed cooperation graph (L)": "łuki skierowanego grafu współpracy (L)",
    "pairs tied in either direction (E)": "pary powiązane w którąkolwiek stronę (E)",
    "share of possible arcs present": "odsetek istniejących spośród możliwych łuków",
    "share of possible pairs tied": "odsetek powiązanych spośród możliwych par",
    "pairs tied in both directions": "pary powiązane w obie strony",
    "pairs tied in one direction only": "pary powiązane tylko w jedną stronę",
    "share of arcs that are reciprocated (networkx overall_reciprocity)": (
        "odsetek łuków odwzajemnionych (networkx overall_reciprocity)"
    ),
    "share of tied pairs that are mutual": (
        "odsetek powiązanych par, w których więź jest obustronna"
    ),
    "institutions without any tie": "instytucje bez żadnego powiązania",
    "weakly connected components (isolates included)": (
        "słabo spójne składowe (razem z instytucjami izolowanymi)"
    ),
    "strongly connected components": "silnie spójne składowe",
    "institutions in the largest weak component": (
        "instytucje w największej słabo spójnej składowej"
    ),
    "longest shortest directed path over pairs joined by a path (a lower bound when sampled); "
    "empty (undefined) when no pair is joined": (
        "najdłuższa z najkrótszych ścieżek skierowanych między parami połączonymi ścieżką "
        "(przy próbkowaniu dolne oszacowanie); puste (nieokreślone), gdy żadna para nie jest "
        "połączona"
    ),
    "mean shortest directed path over ordered pairs joined by a path": (
        "średnia najkrótsza ścieżka skierowana między uporządkowanymi parami połączonymi ścieżką"
    ),
    "diameter of the symmetrised graph; empty when no pair is joined": (
        "średnica grafu symetryzowanego; puste, gdy żadna para nie jest połączona"
    ),
    "average path length of the symmetrised graph": (
        "średnia długość ścieżki w grafie symetryzowanym"
    ),
    "how path lengths were computed: 'exact', or 'sampled (k pivots, seed s)' when estimated "
    "from k random pivot sources": (
        "jak policzono długości ścieżek: dokładnie albo w przybliżeniu (k punktów startowych, "
        "ziarno s), gdy oszacowano je z k losowych punktów startowych"
    ),
    "share of connected triples that close into triangles (symmetrised; networkx transitivity)": (
        "odsetek połączonych trójek domkniętych w trójkąty (graf symetryzowany; networkx "
        "transitivity)"
    ),
    "mean local clustering coefficient, 0 for fewer than 2 partners (networkx "
    "average_clustering)": (
        "średni lokalny współczynnik grupowania, 0 przy mniej niż 2 partnerach (networkx "
        "average_clustering)"
    ),
    "how far in-degree is concentrated on one institution (1 = star)": (
        "na ile stopień wejściowy skupia się na jednej instytucji (1 = gwiazda)"
    ),
    "how far out-degree is concentrated on one institution": (
        "na ile stopień wyjściowy skupia się na jednej instytucji"
    ),
    "how far total degree (in + out) is concentrated (1 = star of mutual ties)": (
        "na ile łączny stopień (wejściowy + wyjściowy) jest skupiony (1 = gwiazda więzi "
        "obustronnych)"
    ),
    "Freeman's degree centralization of the symmetrised graph": (
        "centralizacja stopnia Freemana w grafie symetryzowanym"
    ),
    "how far normalised directed betweenness is concentrated": (
        "na ile znormalizowane pośrednictwo skierowane jest skupione"
    ),
    "Freeman's betweenness centralization of the symmetrised graph": (
        "centralizacja pośrednictwa Freemana w grafie symetryzowanym"
    ),
    "how far closeness (symmetrised) is concentrated": (
        "na ile bliskość (symetryzowana) jest skupiona"
    ),
    "Freeman's formula applied to closeness_ucinet (unreachable at distance n), as UCINET's "
    "closeness centralization": (
        "wzór Freemana zastosowany do bliskości w wersji UCINET (nieosiągalne w odległości n), "
        "jak centralizacja bliskości w UCINET"
    ),
    "ties between groups minus ties within, over all ties (symmetrised, by the partition)": (
        "więzi między grupami minus więzi wewnątrz grup, przez wszystkie więzi (graf "
        "symetryzowany, według podziału)"
    ),
    "institution pairs with a cooperation tie": "pary instytucji z powiązaniem współpracy",
    "institution pairs with a referral either way": (
        "pary instytucji ze skierowaniem w którąkolwiek stronę"
    ),
    "institution pairs sitting in a common group": "pary instytucji zasiadające we wspólnej grupie",
    "institution pairs tied in at least one relation": (
        "pary instytucji powiązane w co najmniej jednej relacji"
    ),
    "institution pairs tied in two or more relations": (
        "pary instytucji powiązane w dwóch lub więcej relacjach"
    ),
    "share of tied pairs tied in more than one relation (cooperation, referral, co-membership)": (
        "odsetek powiązanych par powiązanych w więcej niż jednej relacji (współpraca, "
        "skierowanie, wspólne członkostwo)"
    ),
    "groups (teams) in scope: the second mode": "grupy (zespoły) w zakresie: drugi rodzaj węzłów",
    "institution–group memberships (a person's counts for the person's institution)": (
        "członkostwa instytucja–grupa (członkostwo osoby liczy się jej instytucji)"
    ),
    "memberships over all institution–group pairs; empty without groups": (
        "członkostwa przez wszystkie pary instytucja–grupa; puste bez grup"
    ),
    "share of pairs of institutions that can reach each other (weakly)": (
        "odsetek par instytucji, które mogą do siebie dotrzeć (słabo)"
    ),
    "1 minus the share of reachable pairs that reach each other both ways (estimated when paths "
    "are sampled)": (
        "1 minus odsetek osiągalnych par, które docierają do siebie w obie strony (szacowane, "
        "gdy ścieżki są próbkowane)"
    ),
    "1 minus the share of the possible redundant edges present (edges beyond a spanning tree of "
    "each component, symmetrised)": (
        "1 minus odsetek istniejących spośród możliwych krawędzi nadmiarowych (krawędzie ponad "
        "drzewo rozpinające każdej składowej, graf symetryzowany)"
    ),
    "1 minus the share of pairs without exactly one least common superior; empty above 300 "
    "institutions (it needs every pair and every candidate)": (
        "1 minus odsetek par bez dokładnie jednego najniższego wspólnego przełożonego; puste "
        "powyżej 300 instytucji (wymaga każdej pary i każdego kandydata)"
    ),
    "number of Louvain communities": "liczba społeczności metodą Louvain",
    "modularity of the Louvain partition": "modularność podziału metodą Louvain",
    "number of Leiden communities": "liczba społeczności metodą Leiden",
    "modularity of the Leiden partition": "modularność podziału metodą Leiden",
    "territory level: voivodeship, powiat or gmina": (
        "szczebel terytorium: województwo, powiat albo gmina"
    ),
    "TERYT code of the territory": "kod TERYT terytorium",
    "name of the territory": "nazwa terytorium",
    "institution id, as in the institutions table": (
        "identyfikator instytucji, jak w tabeli instytucji"
    ),
    "institution name": "nazwa instytucji",
    "institution type (code of the institution-type vocabulary)": (
        "typ instytucji (kod ze słownika typów instytucji)"
    ),
    "sector (code of the sector vocabulary)": "sektor (kod ze słownika sektorów)",
    "TERYT code of where the institution is located": "kod TERYT miejsca, w którym leży instytucja",
    "ties sent plus ties received (directed view, unweighted)": (
        "więzi wysłane plus otrzymane (widok skierowany, bez wag)"
    ),
    "institutions reporting a tie to this one": "instytucje zgłaszające więź z tą instytucją",
    "institutions this one reports a tie to": "instytucje, z którymi ta instytucja zgłasza więź",
    "institutions tied in either direction (symmetrised)": (
        "instytucje powiązane w którąkolwiek stronę (graf symetryzowany)"
    ),
    "degree divided by its maximum": "stopień podzielony przez jego maksimum",
    "in-degree divided by its maximum": "stopień wejściowy podzielony przez jego maksimum",
    "out-degree divided by its maximum": "stopień wyjściowy podzielony przez jego maksimum",
    "share of the other institutions tied in either direction (networkx degree_centrality of "
    "the symmetrised graph)": (
        "odsetek pozostałych instytucji powiązanych w którąkolwiek stronę (networkx "
        "degree_centrality grafu symetryzowanego)"
    ),
    "sum of the weights of ties sent and received": "suma wag więzi wysłanych i otrzymanych",
    "sum of the weights of ties received": "suma wag więzi otrzymanych",
    "sum of the weights of ties sent": "suma wag więzi wysłanych",
    "share of shortest directed paths between other institutions passing through this one; "
    "empty (undefined, 0/0) with fewer than 3 institutions": (
        "odsetek najkrótszych ścieżek skierowanych między innymi instytucjami, które "
        "przechodzą przez tę instytucję; puste (nieokreślone, 0/0) przy mniej niż 3 instytucjach"
    ),
    "directed betweenness before normalisation": "pośrednictwo skierowane przed normalizacją",
    "betweenness on the symmetrised graph (networkx normalized=True); empty with fewer than 3 "
    "institutions": (
        "pośrednictwo w grafie symetryzowanym (networkx normalized=True); puste przy mniej niż "
        "3 instytucjach"
    ),
    "betweenness on the symmetrised graph, each unordered pair counted once (networkx "
    "normalized=False; UCINET's undirected value)": (
        "pośrednictwo w grafie symetryzowanym, każda nieuporządkowana para liczona raz "
        "(networkx normalized=False; wartość nieskierowana UCINET)"
    ),
    "how betweenness was computed: 'exact', or 'sampled (k pivots, seed s)' when estimated "
    "from k random pivot sources": (
        "jak policzono pośrednictwo: dokładnie albo w przybliżeniu (k punktów startowych, "
        "ziarno s), gdy oszacowano je z k losowych punktów startowych"
    ),
    "closeness on the symmetrised graph with the Wasserman–Faust correction for unreachable "
    "actors (networkx closeness_centrality)": (
        "bliskość w grafie symetryzowanym z poprawką Wassermana–Faust dla aktorów "
        "nieosiągalnych (networkx closeness_centrality)"
    ),
    "mean inverse distance to the other institutions, symmetrised graph": (
        "średnia odwrotność odległości do pozostałych instytucji, graf symetryzowany"
    ),
    "closeness on the symmetrised graph counting an unreachable institution at distance n "
    "(UCINET, ORA)": (
        "bliskość w grafie symetryzowanym, instytucja nieosiągalna liczona w odległości n "
        "(UCINET, ORA)"
    ),
    "inverse farness on the symmetrised graph, unreachable at distance n (ORA's unscaled "
    "closeness; UCINET's closeness divided by n − 1)": (
        "odwrotność oddalenia w grafie symetryzowanym, nieosiągalne w odległości n "
        "(nieskalowana bliskość ORA; bliskość UCINET podzielona przez n − 1)"
    ),
    "mean inverse directed distance from the other institutions to this one": (
        "średnia odwrotność odległości skierowanej od pozostałych instytucji do tej"
    ),
    "in-closeness counting an unreachable institution at distance n": (
        "bliskość wejściowa, instytucja nieosiągalna liczona w odległości n"
    ),
    "in-closeness over the institutions that reach this one, scaled by their share (networkx "
    "closeness_centrality of the directed graph)": (
        "bliskość wejściowa względem instytucji, które docierają do tej, skalowana ich "
        "odsetkiem (networkx closeness_centrality grafu skierowanego)"
    ),
    "mean inverse directed distance from this institution to the others": (
        "średnia odwrotność odległości skierowanej od tej instytucji do pozostałych"
    ),
    "out-closeness counting an unreachable institution at distance n": (
        "bliskość wyjściowa, instytucja nieosiągalna liczona w odległości n"
    ),
    "out-closeness over the institutions this one reaches, scaled by their share": (
        "bliskość wyjściowa względem instytucji, do których ta dociera, skalowana ich odsetkiem"
    ),
    "how closeness was computed: 'exact', or 'sampled (k pivots, seed s)' when estimated from "
    "k random pivot sources": (
        "jak policzono bliskość: dokładnie albo w przybliżeniu (k punktów startowych, ziarno "
        "s), gdy oszacowano ją z k losowych punktów startowych"
    ),
    "leading eigenvector of the symmetrised adjacency matrix, unit Euclidean norm (networkx "
    "eigenvector_centrality); empty (undefined) when there are no ties": (
        "wiodący wektor własny symetryzowanej macierzy sąsiedztwa, o jednostkowej normie "
        "euklidesowej (networkx eigenvector_centrality); puste (nieokreślone), gdy nie ma więzi"
    ),
    "eigenvector × √2: the share of the largest value a unit-norm eigenvector can take (1/√2, "
    "the centre of a star); UCINET's normalised eigenvector divided by 100": (
        "wektor własny × √2: odsetek największej wartości, jaką może przyjąć wektor własny o "
        "normie jednostkowej (1/√2, środek gwiazdy); znormalizowany wektor własny UCINET "
        "podzielony przez 100"
    ),
    "eigenvector divided by its largest value (igraph eigen_centrality, scale=TRUE; statnet sna "
    "evcent rescaled)": (
        "wektor własny podzielony przez swoją największą wartość (igraph eigen_centrality, "
        "scale=TRUE; przeskalowany evcent z statnet sna)"
    ),
    "PageRank of the directed graph, unweighted, damping 0.85": (
        "PageRank grafu skierowanego, bez wag, współczynnik tłumienia 0,85"
    ),
    "PageRank with ties weighted by strength": "PageRank z więziami ważonymi siłą",
    "the institution's value of the partition attribute (sector by default)": (
        "wartość cechy podziału dla instytucji (domyślnie sektor)"
    ),
    "open two-paths a→b→c through b with a, b, c all in b's group": (
        "otwarte ścieżki długości 2 a→b→c przez b, gdy a, b, c są w grupie b (koordynator)"
    ),
    "open two-paths where a and c share a group other than b's": (
        "otwarte ścieżki długości 2, gdy a i c są we wspólnej grupie innej niż grupa b (konsultant)"
    ),
    "open two-paths bringing a tie from another group into b's group": (
        "otwarte ścieżki długości 2 wnoszące więź z innej grupy do grupy b (strażnik)"
    ),
    "open two-paths carrying a tie from b's group to another group": (
        "otwarte ścieżki długości 2 wynoszące więź z grupy b do innej grupy (reprezentant)"
    ),
    "open two-paths where a, b and c are in three different groups": (
        "otwarte ścieżki długości 2, gdy a, b i c są w trzech różnych grupach (łącznik)"
    ),
    "all open two-paths through the institution": (
        "wszystkie otwarte ścieżki długości 2 przez instytucję"
    ),
    "partners outside the institution's group minus partners inside, over all its partners "
    "(edges of the symmetrised graph); empty without ties or without a group": (
        "partnerzy spoza grupy instytucji minus partnerzy z jej grupy, przez wszystkich jej "
        "partnerów (krawędzie grafu symetryzowanego); puste bez więzi albo bez grupy"
    ),
    "as ei_index over the arcs sent and received, a mutual tie counted twice (UCINET's "
    "individual E-I index of a directed matrix)": (
        "jak ei_index, ale po łukach wysłanych i otrzymanych, więź obustronna liczona dwa razy "
        "(indywidualny indeks E-I UCINET dla macierzy skierowanej)"
    ),
    "value of the partition attribute": "wartość cechy podziału",
    "institutions in the group": "instytucje w grupie",
    "sum over the group's institutions: open two-paths a→b→c through b with a, b, c all in b's "
    "group": (
        "suma po instytucjach grupy: otwarte ścieżki długości 2 a→b→c przez b, gdy a, b, c są "
        "w grupie b"
    ),
    "sum over the group's institutions: open two-paths where a and c share a group other than "
    "b's": (
        "suma po instytucjach grupy: otwarte ścieżki długości 2, gdy a i c są we wspólnej "
        "grupie innej niż grupa b"
    ),
    "sum over the group's institutions: open two-paths bringing a tie from another group into "
    "b's group": (
        "suma po instytucjach grupy: otwarte ścieżki długości 2 wnoszące więź z innej grupy do "
        "grupy b"
    ),
    "sum over the group's institutions: open two-paths carrying a tie from b's group to another "
    "group": (
        "suma po instytucjach grupy: otwarte ścieżki długości 2 wynoszące więź z grupy b do "
        "innej grupy"
    ),
    "sum over the group's institutions: open two-paths where a, b and c are in three different "
    "groups": (
        "suma po instytucjach grupy: otwarte ścieżki długości 2, gdy a, b i c są w trzech "
        "różnych grupach"
    ),
    "sum over the group's institutions: all open two-paths through the institution": (
        "suma po instytucjach grupy: wszystkie otwarte ścieżki długości 2 przez instytucję"
    ),
    "institutions tied in either direction (Burt's N)": (
        "instytucje powiązane w którąkolwiek stronę (N Burta)"
    ),
    "contacts minus their redundancy (Burt's general, valued formula on binary ties)": (
        "kontakty minus ich nadmiarowość (ogólny, ważony wzór Burta na więziach binarnych)"
    ),
    "effective size per contact": "rozmiar efektywny na kontakt",
    "how much the institution's ties are concentrated on contacts tied to each other": (
        "na ile więzi instytucji skupiają się na kontaktach powiązanych ze sobą"
    ),
    "how far the constraint is concentrated on one contact (0 = evenly spread); NaN with fewer "
    "than 2 contacts": (
        "na ile ograniczenie skupia się na jednym kontakcie (0 = rozłożone równo); puste przy "
        "mniej niż 2 kontaktach"
    ),
    "contacts minus their redundancy": "kontakty minus ich nadmiarowość",
    "effective size per contact, with z = tie weights": (
        "rozmiar efektywny na kontakt, z wagami powiązań jako z"
    ),
    "how much the institution's ties are concentrated on contacts tied to each other, with z = "
    "tie weights": (
        "na ile więzi instytucji skupiają się na kontaktach powiązanych ze sobą, z wagami "
        "powiązań jako z"
    ),
    "how far the constraint is concentrated on one contact": (
        "na ile ograniczenie skupia się na jednym kontakcie"
    ),
    "institution attribute the groups come from": "cecha instytucji, z której pochodzą grupy",
    "group of the institution reporting the ties": "grupa instytucji zgłaszającej więzi",
    "group of the institutions named": "grupa instytucji wskazanych",
    "arcs from a member of the source group to a member of the target group": (
        "łuki od członka grupy źródłowej do członka grupy docelowej"
    ),
    "ties as a share of all arcs": "więzi jako odsetek wszystkich łuków",
    "arcs expected between the groups at the network's density": (
        "łuki oczekiwane między grupami przy gęstości sieci"
    ),
    "ties divided by expected (> 1: more ties than chance); NaN when none are possible": (
        "więzi podzielone przez oczekiwane (> 1: więcej więzi niż przypadkiem); puste, gdy "
        "żadna nie jest możliwa"
    ),
    "edges between two members (symmetrised)": (
        "krawędzie między dwoma członkami (graf symetryzowany)"
    ),
    "edges between a member and an outsider": "krawędzie między członkiem a kimś spoza grupy",
    "−1 all ties inside the group, +1 all ties outside": (
        "−1: wszystkie więzi wewnątrz grupy, +1: wszystkie na zewnątrz"
    ),
    "Louvain community, numbered from the largest (weighted, symmetrised, seed fixed)": (
        "społeczność metodą Louvain, numerowana od największej (z wagami, graf symetryzowany, "
        "stałe ziarno)"
    ),
    "institutions in the same Louvain community": "instytucje w tej samej społeczności Louvain",
    "Leiden community maximising modularity, numbered from the largest": (
        "społeczność metodą Leiden maksymalizująca modularność, numerowana od największej"
    ),
    "institutions in the same Leiden community": "instytucje w tej samej społeczności Leiden",
    "louvain or leiden": "metoda: Louvain albo Leiden",
    "community number (1 = largest)": "numer społeczności (1 = największa)",
    "institutions in the community": "instytucje w społeczności",
    "value of the partition attribute (sector by default)": (
        "wartość cechy podziału (domyślnie sektor)"
    ),
    "institutions of the community in the group": "instytucje społeczności w tej grupie",
    "institutions / community_size": "instytucje / liczebność społeczności",
    "connected component (symmetrised graph), 0 = the largest": (
        "spójna składowa (graf symetryzowany), 0 = największa"
    ),
    "institutions in the component": "instytucje w składowej",
    "true if removing the institution disconnects its component": (
        "prawda, jeśli usunięcie instytucji rozspaja jej składową"
    ),
    "ties of the institution whose removal disconnects its component": (
        "więzi instytucji, których usunięcie rozspaja jej składową"
    ),
    "largest k such that the institution is in the k-core (symmetrised graph)": (
        "największe k, przy którym instytucja należy do k-rdzenia (graf symetryzowany)"
    ),
    "ordered pairs of other institutions that could reach each other only through this one": (
        "uporządkowane pary innych instytucji, które mogą do siebie dotrzeć tylko przez tę"
    ),
    "share of the reachable pairs of other institutions lost if this one leaves": (
        "odsetek osiągalnych par innych instytucji, utraconych, jeśli ta odejdzie"
    ),
    "one end of the bridge (id)": "jeden koniec mostu (identyfikator)",
    "the other end (id)": "drugi koniec (identyfikator)",
    "name of institution A": "nazwa instytucji A",
    "name of institution B": "nazwa instytucji B",
    "ordered pairs of institutions that could no longer reach each other without the tie": (
        "uporządkowane pary instytucji, które bez tej więzi nie mogłyby do siebie dotrzeć"
    ),
    "alters: partners in the symmetrised graph": "alterzy: partnerzy w grafie symetryzowanym",
    "arcs between two alters (ties involving the institution itself not counted)": (
        "łuki między dwoma alterami (więzi samej instytucji się nie liczą)"
    ),
    "ordered pairs of alters: the possible arcs among them": (
        "uporządkowane pary alterów: możliwe łuki między nimi"
    ),
    "ties among alters over pairs (UCINET prints it × 100); empty with fewer than 2 alters": (
        "więzi między alterami przez liczbę par (UCINET pokazuje × 100); puste przy mniej niż "
        "2 alterach"
    ),
    "mean shortest path between two alters without the institution; empty when two alters are "
    "joined only through it (as UCINET)": (
        "średnia najkrótsza ścieżka między dwoma alterami bez instytucji; puste, gdy dwóch "
        "alterów łączy tylko ona (jak w UCINET)"
    ),
    "longest shortest path between two alters without the institution; empty as avg_distance": (
        "najdłuższa z najkrótszych ścieżek między dwoma alterami bez instytucji; puste jak "
        "średnia odległość"
    ),
    "components among the alters once the institution is removed": (
        "składowe wśród alterów po usunięciu instytucji"
    ),
    "weak components over alters (UCINET's pWeakComp ÷ 100)": (
        "słabe składowe przez liczbę alterów (pWeakComp z UCINET ÷ 100)"
    ),
    "share of the other institutions within two steps (symmetrised)": (
        "odsetek pozostałych instytucji w odległości do dwóch kroków (graf symetryzowany)"
    ),
    "institutions within two steps over the summed partners of the alters: new contacts per "
    "contact of a contact": (
        "instytucje w odległości do dwóch kroków przez sumę partnerów alterów: nowe kontakty na "
        "kontakt kontaktu"
    ),
    "unordered pairs of alters with no tie in either direction (joined only through the "
    "institution)": (
        "nieuporządkowane pary alterów bez więzi w żadną stronę (połączone tylko przez instytucję)"
    ),
    "brokerage over the unordered pairs of alters; empty with fewer than 2 alters": (
        "pośrednictwo przez liczbę nieuporządkowanych par alterów; puste przy mniej niż 2 alterach"
    ),
    "edges among the partners over their pairs, symmetrised graph; 0 with fewer than 2 partners "
    "(networkx clustering; igraph transitivity_local_undirected gives NaN there)": (
        "krawędzie między partnerami przez liczbę ich par, graf symetryzowany; 0 przy mniej niż "
        "2 partnerach (networkx clustering; igraph transitivity_local_undirected daje tam NaN)"
    ),
    "directed triangles through the institution over those its arcs allow (Fagiolo; networkx "
    "clustering of the directed graph)": (
        "trójkąty skierowane przez instytucję w stosunku do tych, na które pozwalają jej łuki "
        "(Fagiolo; networkx clustering grafu skierowanego)"
    ),
    "arcs among the partners over their ordered pairs: the ego-network density used as the "
    "local clustering of directed data (UCINET ego networks, ORA); empty with fewer than 2 "
    "partners": (
        "łuki między partnerami przez liczbę ich uporządkowanych par: gęstość sieci ego "
        "używana jako lokalne grupowanie danych skierowanych (sieci ego UCINET, ORA); puste "
        "przy mniej niż 2 partnerach"
    ),
    "HITS hub score, summing to 1 (networkx hits)": (
        "wynik koncentratora HITS, sumujący się do 1 (networkx hits)"
    ),
    "HITS authority score, summing to 1 (networkx hits)": (
        "wynik autorytetu HITS, sumujący się do 1 (networkx hits)"
    ),
    "maximal cliques of 3 or more institutions (symmetrised graph) it belongs to": (
        "maksymalne kliki 3 lub więcej instytucji (graf symetryzowany), do których należy"
    ),
    "institution or group (the two modes of the affiliation network)": (
        "instytucja albo grupa (dwa rodzaje węzłów sieci przynależności)"
    ),
    "institution or group id": "identyfikator instytucji albo grupy",
    "institution or group name": "nazwa instytucji albo grupy",
    "institution type or group type (code)": "typ instytucji albo typ grupy (kod)",
    "groups the institution sits in, or member institutions of the group": (
        "grupy, w których zasiada instytucja, albo instytucje członkowskie grupy"
    ),
    "degree over the size of the other mode": "stopień przez liczebność drugiego rodzaju węzłów",
    "inverse of the summed distances to the reachable nodes of both modes; 0 for an isolate": (
        "odwrotność sumy odległości do osiągalnych węzłów obu rodzajów; 0 dla węzła izolowanego"
    ),
    "smallest possible farness in a bipartite graph over the actual farness, times the share of "
    "nodes reached (networkx bipartite.closeness_centrality)": (
        "najmniejsze możliwe oddalenie w grafie dwudzielnym przez rzeczywiste oddalenie, razy "
        "odsetek osiągniętych węzłów (networkx bipartite.closeness_centrality)"
    ),
    "shortest-path betweenness in the bipartite graph, each unordered pair once": (
        "pośrednictwo najkrótszych ścieżek w grafie dwudzielnym, każda nieuporządkowana para raz"
    ),
    "betweenness over the largest value a node of its mode can reach": (
        "pośrednictwo przez największą wartość, jaką może osiągnąć węzeł tego rodzaju"
    ),
    "leading singular vector of the institutions × groups matrix, unit norm within each mode; "
    "empty without memberships": (
        "wiodący wektor osobliwy macierzy instytucje × grupy, o normie jednostkowej w każdym "
        "rodzaju węzłów; puste bez członkostw"
    ),
    "how closeness and betweenness were computed: exact, or estimated from pivots in a "
    "component larger than the pivot count (as centrality's betweenness_method)": (
        "jak policzono bliskość i pośrednictwo: dokładnie albo w przybliżeniu z punktów "
        "startowych w składowej większej niż ich liczba (jak metoda pośrednictwa w arkuszu "
        "centralności)"
    ),
    "institution (a pair of institutions) or group (a pair of groups)": (
        "instytucja (para instytucji) albo grupa (para grup)"
    ),
    "id of the first of the pair (the smaller id)": (
        "identyfikator pierwszego z pary (mniejszy identyfikator)"
    ),
    "id of the second of the pair": "identyfikator drugiego z pary",
    "name of the first": "nazwa pierwszego",
    "name of the second": "nazwa drugiego",
    "groups both institutions sit in, or institutions sitting in both groups": (
        "grupy, w których zasiadają obie instytucje, albo instytucje zasiadające w obu grupach"
    ),
    "id of the first institution of the pair": "identyfikator pierwszej instytucji pary",
    "id of the second institution of the pair": "identyfikator drugiej instytucji pary",
    "sector of institution A": "sektor instytucji A",
    "sector of institution B": "sektor instytucji B",
    "families both institutions serve or referred, while they report no cooperation tie": (
        "rodziny, które obie instytucje wspierają lub kierowały, choć nie zgłaszają więzi "
        "współpracy"
    ),
    "TERYT code of the gmina": "kod TERYT gminy",
    "name of the gmina": "nazwa gminy",
    "id of the gmina's OPS/CUS (lowest id if several; empty if none)": (
        "identyfikator OPS/CUS gminy (najniższy, jeśli jest kilka; puste, jeśli brak)"
    ),
    "name of that centre": "nazwa tego ośrodka",
    "the required sector that is missing (sector code)": "brakujący wymagany sektor (kod sektora)",
    "absent: no institution of the sector available to the gmina (for social_assistance: no "
    "OPS/CUS of its own); no_tie: available but not tied to the gmina's OPS/CUS": (
        "brak sektora: gmina nie ma dostępu do żadnej instytucji sektora (dla pomocy "
        "społecznej: brak własnego OPS/CUS); brak powiązania: instytucja jest dostępna, ale "
        "niepowiązana z OPS/CUS gminy"
    ),
    "institutions of the sector located in the gmina or in its powiat or voivodeship": (
        "instytucje sektora położone w gminie albo w jej powiecie lub województwie"
    ),
    "id of the institution that refers": "identyfikator instytucji kierującej",
    "id of the institution referred to": "identyfikator instytucji, do której kierowano",
    "its name": "jej nazwa",
    "referrals sent": "wysłane skierowania",
    "referrals with an answer date or status accepted, completed or rejected": (
        "skierowania z datą odpowiedzi albo w stanie przyjęte, zrealizowane lub odrzucone"
    ),
    "referrals not answered": "skierowania bez odpowiedzi",
    "referrals with status rejected": "skierowania odrzucone",
    "answered / referrals": "z odpowiedzią / skierowania",
    "median of answer date − sent date, over referrals with an answer date": (
        "mediana różnicy data odpowiedzi − data wysłania, po skierowaniach z datą odpowiedzi"
    ),
    "90th percentile (linear interpolation) of the days to answer": (
        "90. percentyl (interpolacja liniowa) dni do odpowiedzi"
    ),
    "families whose last referral went here and got no answer or was rejected": (
        "rodziny, których ostatnie skierowanie trafiło tutaj i zostało bez odpowiedzi albo "
        "odrzucone"
    ),
    "families of the gmina in the data": "rodziny gminy obecne w danych",
    "families served by at least N institutions (N = min_services, default 3)": (
        "rodziny wspierane przez co najmniej N instytucji (N = minimalna liczba usług, domyślnie 3)"
    ),
    "of those, families with no coordinator and no coordinating team (ZZK, GGK, ZI, GDP) "
    "holding two of their institutions": (
        "spośród nich rodziny bez koordynatora i bez zespołu koordynującego (ZZK, GGK, ZI, GDP) "
        "obejmującego dwie z ich instytucji"
    ),
    "TERYT code of the group's powiat or gmina": "kod TERYT powiatu albo gminy grupy",
    "id of the group": "identyfikator grupy",
    "name of the group": "nazwa grupy",
    "PGR, PGD, PZK or ZI": "PGR, PGD, PZK albo ZI",
    "sector active in the territory with no member in the group": (
        "sektor obecny na terytorium, który nie ma członka w grupie"
    ),
    "institutions of the sector active in the territory": (
        "instytucje sektora działające na terytorium"
    ),
    "how many gaps the tie would close (higher first)": (
        "ile luk zamknęłaby ta więź (najpierw większe)"
    ),
    "families both serve or referred (0 if none)": (
        "rodziny, które obie wspierają lub kierowały (0, jeśli brak)"
    ),
    "gmina sector gaps (status no_tie) the tie would close": (
        "luki sektorowe gminy (brak powiązania), które zamknęłaby ta więź"
    ),
    "the two are in different Louvain communities": "obie są w różnych społecznościach Louvain",
    "the two are in different sectors": "obie są w różnych sektorach",
    "why, in Polish": "uzasadnienie po polsku",
    "why, in English": "uzasadnienie po angielsku",
    "survey wave imported from forms": "fala badania zaimportowana z formularzy",
    "how reports became ties: union, intersection or reconstruction": (
        "jak zgłoszenia stały się więziami: suma, część wspólna albo rekonstrukcja"
    ),
    "institutions in scope sent a form": "instytucje w zakresie, do których wysłano formularz",
    "institutions that returned a non-empty form": "instytucje, które zwróciły niepusty formularz",
    "answered / asked": "odpowiedziały / zapytane",
    "pairs with a tie from the survey": "pary z więzią z badania",
    "share of the ties only one side reported": (
        "odsetek więzi zgłoszonych tylko przez jedną stronę"
    ),
    "PARTNER trust score of the network (1–4)": "wynik zaufania PARTNER dla sieci (1–4)",
    "PARTNER value score of the network (1–4)": "wynik wartości PARTNER dla sieci (1–4)",
    "partners that rated the institution": "partnerzy, którzy ocenili instytucję",
    "PARTNER trust score as its partners rate it (1–4)": (
        "wynik zaufania PARTNER w ocenie partnerów (1–4)"
    ),
    "PARTNER value score as its partners rate it (1–4)": (
        "wynik wartości PARTNER w ocenie partnerów (1–4)"
    ),
    "mean rating of reliability (1–4)": "średnia ocena niezawodności (1–4)",
    "mean rating of openness to discussion (1–4)": "średnia ocena otwartości na dyskusję (1–4)",
    "mean rating of support of the shared mission (1–4)": (
        "średnia ocena wsparcia wspólnej misji (1–4)"
    ),
    "mean rating of resources contributed (1–4)": "średnia ocena wniesionych zasobów (1–4)",
    "mean rating of involvement (1–4)": "średnia ocena zaangażowania (1–4)",
    "mean rating of power and influence (1–4)": "średnia ocena władzy i wpływu (1–4)",
    "survey wave of the ratings": "fala badania, z której pochodzą oceny",
    "A's trust score of B (1–4)": "wynik zaufania A wobec B (1–4)",
    "B's trust score of A (1–4)": "wynik zaufania B wobec A (1–4)",
    "A's value score of B (1–4)": "wynik wartości B w ocenie A (1–4)",
    "B's value score of A (1–4)": "wynik wartości A w ocenie B (1–4)",
    # the comparison's tests of change (kokon_graph.analysis.results)
    "density, reciprocity or the QAP correlation": "gęstość, wzajemność albo korelacja QAP",
    "Value in the earlier wave": "wartość we wcześniejszej fali",
    "Value in the later wave": "wartość w późniejszej fali",
    "After minus before; for the correlation Pearson's r of the two waves": (
        "po minus przed; dla korelacji r Pearsona obu fal"
    ),
    "Two-sided permutation p-value": "dwustronna permutacyjna wartość p",
    "One-sided: permuted ≥": "jednostronna: przetasowane ≥",
    "One-sided: permuted ≤": "jednostronna: przetasowane ≤",
    "Standard error of p from the finite number of permutations": (
        "błąd standardowy p wynikający ze skończonej liczby permutacji"
    ),
    "Share of permuted statistics below the observed one": (
        "odsetek statystyk z przetasowań mniejszych od zaobserwowanej"
    ),
    "Share of permuted statistics above the observed one": (
        "odsetek statystyk z przetasowań większych od zaobserwowanej"
    ),
    "Relabelings drawn": "wylosowane przetasowania",
    "Seed of the random relabelings": "ziarno losowych przetasowań",
    "Institutions in the test": "instytucje w teście",
    "The result in words": "wynik słowami",
    "how differently the two sides see each other (0–3)": (
        "na ile różnie obie strony widzą siebie nawzajem (0–3)"
    ),
    "the tuning parameter asked for: 0 ignores tie strength (every tie has length 1: the "
    "unweighted values), 1 uses strength alone (Dijkstra), between them both the strength "
    "and the number of intermediaries count": (
        "wybrany parametr strojenia: 0 pomija siłę więzi (każde powiązanie ma długość 1: "
        "wartości bez wag), 1 bierze pod uwagę tylko siłę (Dijkstra), wartości pośrednie "
        "uwzględniają zarówno siłę, jak i liczbę pośredników"
    ),
    "closeness on the symmetrised graph (the larger weight of the two directions) with "
    "tie lengths 1/w^α and the Wasserman–Faust correction; equals centrality's closeness "
    "at α = 0": (
        "bliskość w grafie symetryzowanym (większa z wag obu kierunków) przy długości "
        "powiązania 1/w^α, z poprawką Wassermana–Fausta; przy α = 0 równa bliskości z arkusza "
        "„Centralność”"
    ),
    "betweenness on the symmetrised graph with tie lengths 1/w^α (paths of lengths equal "
    "within rounding are all shortest); equals centrality's betweenness_sym at α = 0; "
    "empty with fewer than 3 institutions": (
        "pośrednictwo w grafie symetryzowanym przy długości powiązania 1/w^α (ścieżki o "
        "długościach równych z dokładnością do zaokrąglenia są wszystkie najkrótsze); przy "
        "α = 0 równe pośrednictwu w grafie symetryzowanym z arkusza „Centralność”; puste, gdy "
        "instytucji jest mniej niż 3"
    ),
    "weighted betweenness before normalisation, each unordered pair counted once": (
        "pośrednictwo ważone przed normalizacją, każda nieuporządkowana para liczona raz"
    ),
}


def polish_description(description: str) -> str:
    """The Polish text of an English column description (``""`` if there is none yet).

    >>> polish_description("institution name")
    'nazwa instytucji'
    >>> polish_description("institution name; institutions located in the territory and the "
    ...                    "ties among them")
    'nazwa instytucji; instytucje położone na terytorium i powiązania między nimi'
    """
    if description in _PL:
        return _PL[description]
    for english, polish in _SUFFIXES:
        if description.endswith(english):
            base = polish_description(description[: -len(english)])
            return base + polish if base else ""
    return ""
