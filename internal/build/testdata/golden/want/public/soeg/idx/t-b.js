window.labyrintSearch.load("t-b",{"betyd":"G2J er","bo":"D4f","bol":"D7W ig","botilbud":"DsT det"});
