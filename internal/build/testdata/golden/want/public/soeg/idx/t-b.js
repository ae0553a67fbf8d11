window.labyrintSearch.load("t-b",{"betyd":"G2J er","bo":"D4I","bol":"D7W ig","botilbud":"DsI det"});
